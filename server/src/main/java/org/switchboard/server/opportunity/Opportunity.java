package org.switchboard.server.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A lead or an opportunity. {@code partnerId} is the customer (a company, or a person on her own) and
 * {@code contactId} a person of that company; an unqualified lead has neither and carries the free-text
 * {@code partnerName}, {@code contactName}, {@code email} and {@code phone} instead.
 */
public record Opportunity(long id, CaseType type, String name, Long partnerId, String partnerName, Long contactId,
        String contactName, String email, String phone, Long teamId, String teamName, Long responsibleId, String responsibleName,
        Long stageId, String stageName, BigDecimal probability, BigDecimal expectedRevenue, String currency,
        LocalDate expectedClosing, LocalDate nextActionDate, String nextAction, int priority, List<String> categories,
        String description, CaseState state, String lostReason, Instant openedAt, Instant closedAt, Instant createdAt,
        Instant updatedAt, int version) {
}

package org.switchboard.server.phonecall;

import java.time.Instant;

/** A phone call, logged after the fact or still to make, with the names of what it points at. */
public record PhoneCall(long id, CallDirection direction, CallState state, String summary, Long partnerId, String partnerName,
        Long contactId, String contactName, Long caseId, String caseName, Long campaignId, String phone, String category, String notes,
        Long responsibleId, String responsibleName, Long teamId, int priority, Instant callDate, Integer durationMinutes, Instant dueAt,
        int attempts, Long claimedBy, Instant claimedAt, String closedReason, Long convertedCaseId, Instant createdAt, int version) {

    /** Who the call is with, as people read it. */
    public String who() {
        if (contactName != null && partnerName != null && !contactName.equals(partnerName)) {
            return contactName + " (" + partnerName + ")";
        }
        return partnerName != null ? partnerName : contactName != null ? contactName : phone;
    }
}

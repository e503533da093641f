package org.switchboard.server.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.switchboard.server.api.JsonFields;
import tools.jackson.databind.JsonNode;

/** The editable fields of a case, filled from a create or a merge-patch body, or from a stored case. */
public final class OpportunityDraft {
    static final Set<String> FIELDS = Set.of("type", "name", "partnerId", "contactId", "partnerName", "contactName", "email", "phone",
            "teamId", "responsibleId", "stageId", "probability", "expectedRevenue", "currency", "expectedClosing", "nextActionDate",
            "nextAction", "priority", "categories", "description", "state", "lostReason", "version");
    private static final BigDecimal MAX_REVENUE = new BigDecimal("9999999999999.99");

    CaseType type = CaseType.OPPORTUNITY;
    String name;
    Long partnerId;
    Long contactId;
    String partnerName;
    String contactName;
    String email;
    String phone;
    Long teamId;
    Long responsibleId;
    Long stageId;
    BigDecimal probability;
    BigDecimal expectedRevenue = BigDecimal.ZERO;
    String currency = "EUR";
    LocalDate expectedClosing;
    LocalDate nextActionDate;
    String nextAction;
    int priority = 1;
    List<String> categories = List.of();
    String description;
    CaseState state = CaseState.NEW;
    String lostReason;

    /** Which fields the body named: a named field is the client's choice, never overwritten by a default. */
    final java.util.HashSet<String> named = new java.util.HashSet<>();

    public OpportunityDraft() {
    }

    public static OpportunityDraft lead(String name) {
        OpportunityDraft d = new OpportunityDraft();
        d.type = CaseType.LEAD;
        d.name = name;
        return d;
    }

    public static OpportunityDraft of(Opportunity o) {
        OpportunityDraft d = new OpportunityDraft();
        d.type = o.type();
        d.name = o.name();
        d.partnerId = o.partnerId();
        d.contactId = o.contactId();
        d.partnerName = o.partnerName();
        d.contactName = o.contactName();
        d.email = o.email();
        d.phone = o.phone();
        d.teamId = o.teamId();
        d.responsibleId = o.responsibleId();
        d.stageId = o.stageId();
        d.probability = o.probability();
        d.expectedRevenue = o.expectedRevenue();
        d.currency = o.currency();
        d.expectedClosing = o.expectedClosing();
        d.nextActionDate = o.nextActionDate();
        d.nextAction = o.nextAction();
        d.priority = o.priority();
        d.categories = o.categories();
        d.description = o.description();
        d.state = o.state();
        d.lostReason = o.lostReason();
        return d;
    }

    public OpportunityDraft apply(JsonNode body) {
        JsonFields f = JsonFields.of(body, FIELDS);
        named.addAll(body.propertyNames());
        f.enumeration("type", CaseType.class, v -> type = v == null ? CaseType.OPPORTUNITY : v);
        f.string("name", 200, v -> name = v);
        f.id("partnerId", v -> partnerId = v);
        f.id("contactId", v -> contactId = v);
        f.string("partnerName", 200, v -> partnerName = v);
        f.string("contactName", 200, v -> contactName = v);
        f.string("email", 254, v -> email = v);
        f.string("phone", 40, v -> phone = v);
        f.id("teamId", v -> teamId = v);
        f.id("responsibleId", v -> responsibleId = v);
        f.id("stageId", v -> stageId = v);
        f.decimal("probability", BigDecimal.ZERO, new BigDecimal(100), 2, v -> probability = v);
        f.decimal("expectedRevenue", BigDecimal.ZERO, MAX_REVENUE, 2, v -> expectedRevenue = v == null ? BigDecimal.ZERO : v);
        f.string("currency", 3, v -> currency = v == null ? "EUR" : v.toUpperCase(java.util.Locale.ROOT));
        f.date("expectedClosing", v -> expectedClosing = v);
        f.date("nextActionDate", v -> nextActionDate = v);
        f.string("nextAction", 200, v -> nextAction = v);
        f.integer("priority", 0, 3, v -> priority = v == null ? 1 : v);
        f.strings("categories", 20, 40, v -> categories = v);
        f.string("description", 100_000, v -> description = v);
        f.enumeration("state", CaseState.class, v -> state = v == null ? CaseState.NEW : v);
        f.string("lostReason", 200, v -> lostReason = v);
        return this;
    }

    boolean named(String field) {
        return named.contains(field);
    }
}

package org.switchboard.server.phonecall;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.JsonFields;
import tools.jackson.databind.JsonNode;

/** The editable fields of a call, from a create or merge-patch body, or from a stored call. The state changes only by outcomes. */
public final class CallDraft {
    static final Set<String> FIELDS = Set.of("direction", "summary", "partnerId", "contactId", "caseId", "campaignId", "partnerName",
            "contactName", "phone", "category", "notes", "responsibleId", "teamId", "priority", "callDate", "durationMinutes", "dueAt",
            "state", "version");

    CallDirection direction = CallDirection.OUTBOUND;
    CallState state = CallState.TODO;
    String summary;
    Long partnerId;
    Long contactId;
    Long caseId;
    Long campaignId;
    String partnerName;
    String contactName;
    String phone;
    String category;
    String notes;
    Long responsibleId;
    Long teamId;
    int priority = 1;
    Instant callDate;
    Integer durationMinutes;
    Instant dueAt;
    final Set<String> named = new HashSet<>();

    static CallDraft of(PhoneCall c) {
        CallDraft d = new CallDraft();
        d.direction = c.direction();
        d.state = c.state();
        d.summary = c.summary();
        d.partnerId = c.partnerId();
        d.contactId = c.contactId();
        d.caseId = c.caseId();
        d.campaignId = c.campaignId();
        d.partnerName = c.partnerName();
        d.contactName = c.contactName();
        d.phone = c.phone();
        d.category = c.category();
        d.notes = c.notes();
        d.responsibleId = c.responsibleId();
        d.teamId = c.teamId();
        d.priority = c.priority();
        d.callDate = c.callDate();
        d.durationMinutes = c.durationMinutes();
        d.dueAt = c.dueAt();
        return d;
    }

    /** Reads a body; {@code creating} allows the fields only a create may set (state of a logged call, campaign). */
    CallDraft apply(JsonNode body, boolean creating) {
        JsonFields f = JsonFields.of(body, FIELDS);
        named.addAll(body.propertyNames());
        if (!creating && (f.has("state") || f.has("campaignId"))) {
            throw ApiException.invalid(f.has("state") ? "state" : "campaignId",
                    f.has("state") ? "a call's state changes by an outcome: POST /api/v1/calls/{id}/outcome" : "a call stays in its campaign");
        }
        f.enumeration("direction", CallDirection.class, v -> direction = v == null ? CallDirection.OUTBOUND : v);
        f.enumeration("state", CallState.class, v -> state = v == null ? CallState.TODO : v);
        f.string("summary", 200, v -> summary = v);
        f.id("partnerId", v -> partnerId = v);
        f.id("contactId", v -> contactId = v);
        f.id("caseId", v -> caseId = v);
        f.id("campaignId", v -> campaignId = v);
        f.string("partnerName", 200, v -> partnerName = v);
        f.string("contactName", 200, v -> contactName = v);
        f.string("phone", 40, v -> phone = v);
        f.string("category", 64, v -> category = v);
        f.string("notes", 10_000, v -> notes = v);
        f.id("responsibleId", v -> responsibleId = v);
        f.id("teamId", v -> teamId = v);
        f.integer("priority", 0, 3, v -> priority = v == null ? 1 : v);
        f.integer("durationMinutes", 0, 24 * 60, v -> durationMinutes = v);
        instant(f, "callDate", v -> callDate = v);
        instant(f, "dueAt", v -> dueAt = v);
        return this;
    }

    boolean named(String field) {
        return named.contains(field);
    }

    /** See {@link JsonFields#instant}. */
    static void instant(JsonFields f, String field, Consumer<Instant> set) {
        f.instant(field, set);
    }

    static Instant parseInstant(String field, String s) {
        return JsonFields.parseInstant(field, s);
    }
}

package org.switchboard.server.phonecall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.storage.ColumnText;
import org.switchboard.server.storage.Sha256;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;

/**
 * One batch of call-list rows, imported set-wise: every row is checked in memory ({@link #check}), then
 * duplicates, opportunities and partners are looked up with one query each for the whole batch
 * ({@link #plan}), and partners and calls are written in one COPY or JDBC batch each ({@link #write}, in
 * the batch's transaction). The outcome of each row is what importing the rows one by one, in file order,
 * would give.
 */
final class CallListBatch {
    /** The longest partner or contact name a row may carry (the partner name column). */
    private static final int NAME_LIMIT = 200;
    private final CallCampaign campaign;
    private final PhoneNumbers phones;
    private final PartnerMatcher matcher;
    private final PhoneCallRepository calls;
    private final JdbcClient jdbc;
    /** Operators by user name for the whole job: a file names the same few thousand times. */
    private final Map<String, Optional<Long>> operators;
    private final UserRepository users;

    /** A row that passed the checks: what it will create once its partner is known. */
    private record Accepted(int index, Map<String, String> row, String phone, Long operatorId, Long caseId, int priority, Instant due,
            String fingerprint) {
    }

    CallListBatch(CallCampaign campaign, PhoneNumbers phones, PartnerMatcher matcher, PhoneCallRepository calls, UserRepository users,
            JdbcClient jdbc, Map<String, Optional<Long>> operators) {
        this.campaign = campaign;
        this.phones = phones;
        this.matcher = matcher;
        this.calls = calls;
        this.users = users;
        this.jdbc = jdbc;
        this.operators = operators;
    }

    /**
     * Rows read and checked, not yet written: what needs no database but the operators' names. The import
     * checks the next batch while the database writes this one.
     */
    static final class Checked {
        private final long firstLine;
        private final ImportJob.Row[] report;
        private final List<Accepted> accepted;
        /** How far the file was read when this batch was complete: the progress it brings. */
        final long bytesRead;

        private Checked(long firstLine, ImportJob.Row[] report, List<Accepted> accepted, long bytesRead) {
            this.firstLine = firstLine;
            this.report = report;
            this.accepted = accepted;
            this.bytesRead = bytesRead;
        }

        int size() {
            return report.length;
        }
    }

    /** Checks rows in memory; {@code firstLine} is the data line number of the first row. */
    Checked check(long firstLine, List<Map<String, String>> rows, long bytesRead) {
        ImportJob.Row[] report = new ImportJob.Row[rows.size()];
        List<Accepted> accepted = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                Object checked = check(i, rows.get(i));
                if (checked instanceof String reason) {
                    report[i] = rejected(firstLine + i, reason);
                } else {
                    accepted.add((Accepted) checked);
                }
            } catch (ApiException e) {
                report[i] = rejected(firstLine + i, e.getMessage());
            }
        }
        return new Checked(firstLine, report, accepted, bytesRead);
    }

    /**
     * A checked batch whose duplicates are known and whose rows are matched to partners (existing ones, or
     * ones it will create, with their ids on PostgreSQL): what {@link #write} inserts.
     */
    static final class Planned {
        private final Checked batch;
        private final ImportJob.Row[] report;
        private final List<Accepted> accepted;
        private final PartnerBatch partners;
        private final List<PartnerBatch.Result> matches;

        private Planned(Checked batch, ImportJob.Row[] report, List<Accepted> accepted, PartnerBatch partners,
                List<PartnerBatch.Result> matches) {
            this.batch = batch;
            this.report = report;
            this.accepted = accepted;
            this.partners = partners;
            this.matches = matches;
        }

        Checked checked() {
            return batch;
        }
    }

    /**
     * Looks up what the rows depend on (opportunities, rows already imported, partners) and matches each row,
     * in file order. {@code before} is the batch planned just before this one, or null: it may still be
     * being written on another connection, so its rows and the partners it creates are taken from it
     * rather than from the database.
     */
    Planned plan(Checked batch, Planned before) {
        ImportJob.Row[] report = batch.report.clone();
        List<Accepted> accepted = withoutUnknownOpportunities(batch.accepted, batch.firstLine, report);
        accepted = withoutDuplicates(accepted, batch.firstLine, report, before);
        List<PartnerMatcher.Wanted> wanted = accepted.stream().map(CallListBatch::wanted).toList();
        PartnerBatch partners = matcher.batch(wanted, before == null ? null : before.partners);
        List<PartnerBatch.Result> matches = wanted.stream().map(partners::match).toList();
        partners.allocateIds();
        return new Planned(batch, report, accepted, partners, matches);
    }

    /** Writes a planned batch in the caller's transaction; the report of each row, in order. */
    List<ImportJob.Row> write(Planned planned) {
        long firstLine = planned.batch.firstLine;
        List<Accepted> accepted = planned.accepted;
        planned.partners.create();
        List<CallDraft> drafts = new ArrayList<>(accepted.size());
        List<String> fingerprints = new ArrayList<>(accepted.size());
        for (int i = 0; i < accepted.size(); i++) {
            drafts.add(draft(accepted.get(i), planned.matches.get(i).match()));
            fingerprints.add(accepted.get(i).fingerprint());
        }
        List<Long> ids = calls.insertAll(drafts, fingerprints);
        ImportJob.Row[] report = planned.report;
        for (int i = 0; i < accepted.size(); i++) {
            PartnerMatcher.Match m = planned.matches.get(i).match();
            // no reason stored: the report reads it from the call ("partner X")
            report[accepted.get(i).index()] = new ImportJob.Row(firstLine + accepted.get(i).index(),
                    m.created() ? ImportJobRepository.CREATED : ImportJobRepository.MATCHED, ids.get(i), null);
        }
        return List.of(report);
    }

    /** The accepted row, or the reason it is rejected (a bad date throws {@link ApiException}). */
    private Object check(int index, Map<String, String> row) {
        String company = row.get("partner");
        String contact = row.get("contact");
        if (company == null && contact == null) {
            return "no partner or contact name";
        }
        if ((company != null && company.length() > NAME_LIMIT) || (contact != null && contact.length() > NAME_LIMIT)) {
            return "a partner or contact name is longer than " + NAME_LIMIT + " characters";
        }
        String rawPhone = row.get("phone");
        Optional<String> phone = phones.e164(rawPhone);
        if (phone.isEmpty()) {
            return rawPhone == null ? "no phone number" : "unparseable phone '" + rawPhone + "'";
        }
        Long operatorId = null;
        if (row.containsKey("operator")) {
            Optional<Long> operator = operators.computeIfAbsent(row.get("operator"),
                    name -> users.findByUsername(name).filter(User::active).map(User::id));
            if (operator.isEmpty()) {
                return "unknown operator '" + row.get("operator") + "'";
            }
            operatorId = operator.get();
        }
        Long caseId = null;
        if (row.containsKey("opportunity")) {
            try {
                caseId = Long.valueOf(row.get("opportunity"));
            } catch (NumberFormatException e) {
                return "opportunity '" + row.get("opportunity") + "' is not an id";
            }
        }
        int priority = 1;
        if (row.containsKey("priority")) {
            try {
                priority = Integer.parseInt(row.get("priority"));
            } catch (NumberFormatException e) {
                priority = -1;
            }
            if (priority < 0 || priority > 3) {
                return "priority must be 0 to 3";
            }
        }
        Instant due = row.containsKey("due") ? CallDraft.parseInstant("due", row.get("due")) : Instant.now();
        String fingerprint = fingerprint(company, contact, phone.get(), row.get("email"), caseId, row.get("due"), row.get("operator"),
                row.get("summary"), row.get("notes"));
        return new Accepted(index, row, phone.get(), operatorId, caseId, priority, due, fingerprint);
    }

    private List<Accepted> withoutUnknownOpportunities(List<Accepted> accepted, long firstLine, ImportJob.Row[] report) {
        Set<Long> asked = new HashSet<>();
        accepted.forEach(a -> {
            if (a.caseId() != null) {
                asked.add(a.caseId());
            }
        });
        if (asked.isEmpty()) {
            return accepted;
        }
        Set<Long> known = new HashSet<>(jdbc.sql("SELECT id FROM crm_case WHERE id = ANY(?)").param(asked.toArray(Long[]::new))
                .query(Long.class).list());
        List<Accepted> kept = new ArrayList<>();
        for (Accepted a : accepted) {
            if (a.caseId() == null || known.contains(a.caseId())) {
                kept.add(a);
            } else {
                report[a.index()] = rejected(firstLine + a.index(), "unknown opportunity " + a.caseId());
            }
        }
        return kept;
    }

    /** A row the campaign has (from an earlier run or batch, or the batch before still being written) or that appeared before in this batch. */
    private List<Accepted> withoutDuplicates(List<Accepted> accepted, long firstLine, ImportJob.Row[] report, Planned before) {
        Set<String> existing = new HashSet<>();
        if (before != null) {
            before.accepted.forEach(a -> existing.add(a.fingerprint()));
        }
        if (!accepted.isEmpty()) {
            existing.addAll(jdbc.sql("SELECT fingerprint FROM phone_call WHERE campaign_id = ? AND fingerprint = ANY(?)")
                    .params(campaign.id(), accepted.stream().map(Accepted::fingerprint).toArray(String[]::new))
                    .query(String.class).list());
        }
        List<Accepted> kept = new ArrayList<>();
        for (Accepted a : accepted) {
            if (existing.add(a.fingerprint())) {
                kept.add(a);
            } else {
                report[a.index()] = rejected(firstLine + a.index(), "duplicate row: the same call is already in this campaign");
            }
        }
        return kept;
    }

    private static PartnerMatcher.Wanted wanted(Accepted a) {
        return new PartnerMatcher.Wanted(a.row().get("partner"), a.row().get("contact"), a.phone(), a.row().get("email"));
    }

    private CallDraft draft(Accepted a, PartnerMatcher.Match m) {
        Map<String, String> row = a.row();
        CallDraft d = new CallDraft();
        d.direction = CallDirection.OUTBOUND;
        d.summary = ColumnText.shorten(row.getOrDefault("summary", campaign.name()), 200);
        d.partnerId = m.partnerId();
        d.contactId = m.contactId();
        d.partnerName = m.partnerName();
        d.contactName = m.contactName();
        d.caseId = a.caseId();
        d.campaignId = campaign.id();
        d.phone = a.phone();
        d.notes = ColumnText.shorten(row.get("notes"), 10_000);
        d.priority = a.priority();
        d.dueAt = a.due();
        d.responsibleId = a.operatorId();
        d.teamId = campaign.teamId();
        return d;
    }

    /** The row's meaning, normalised (case, blanks, phone format), so a re-saved file still matches. */
    static String fingerprint(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(v == null ? "" : PartnerMatcher.key(v.toString())).append('\u001f');
        }
        return Sha256.hex(sb.toString());
    }

    private static ImportJob.Row rejected(long line, String reason) {
        return new ImportJob.Row(line, "REJECTED", null, reason);
    }
}

package org.switchboard.server.phonecall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/** Importing call lists: good, bad and repeated files, BOM, semicolons, quoted newlines, missing columns, wrong encoding. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CallListImportContract {
    @LocalServerPort
    int port;
    CallCentreOrganisation org;
    int seed;

    @BeforeEach
    void organisation() {
        org = new CallCentreOrganisation(port, 0);
        seed = ThreadLocalRandom.current().nextInt(1_000_000, 9_000_000);
    }

    /** Rows per committed batch in this context. */
    int batchSize() {
        return 2000;
    }

    /** A French number no other test uses, as a person would type it. */
    private String phone(int i) {
        String digits = String.valueOf(seed + i);
        return "01 4" + digits.charAt(0) + " " + digits.substring(1, 3) + " " + digits.substring(3, 5) + " " + digits.substring(5, 7);
    }

    private String e164(int i) {
        return "+33" + phone(i).substring(1).replace(" ", "");
    }

    private long calls(long campaign) {
        return org.manager.ok(200, org.manager.get("/api/v1/call-campaigns/" + campaign + "/stats")).get("total").asLong();
    }

    @Test
    void aGoodFileWithBadRowsIsReportedRowByRowAndRunningItAgainCreatesNothing() throws Exception {
        String t = org.tag;
        // Partners typed by hand keep their phone as typed; those made by imports and calls store E.164, which is what matches.
        long existing = org.company("Known " + t, e164(2));
        long campaign = org.campaign("Spring");
        String csv = "Company,Contact,Phone,Email,Operator,Notes,Priority,Due\n"
                + "New " + t + ",Anna Smith," + phone(1) + ",anna@new-" + t + ".example," + org.username("op") + ",,2,2026-01-05\n"
                + "Other name," + ",\"" + phone(2) + "\",,,\"called in March,\nasked for a quote\",,\n"
                + "Bad " + t + ",Bob,12,,,,,\n"
                + "Ghost " + t + ",Gus," + phone(3) + ",,nobody-" + t + ",,,\n"
                + "New " + t + ",Anna Smith," + phone(1) + ",anna@new-" + t + ".example," + org.username("op") + ",,2,2026-01-05\n"
                + "New " + t + ",Ben Jones," + phone(4) + ",,,,1,\n";
        JsonNode job = org.importAndWait(campaign, csv.getBytes(StandardCharsets.UTF_8));
        assertThat(job.get("state").asString()).isEqualTo("DONE");
        assertThat(job.get("rowsDone").asInt()).isEqualTo(6);
        assertThat(job.get("created").asInt()).isEqualTo(1);
        assertThat(job.get("matched").asInt()).as("by phone, and the second contact of the new company").isEqualTo(2);
        assertThat(job.get("rejected").asInt()).isEqualTo(3);
        assertThat(job.get("bytesRead").asLong()).isEqualTo(job.get("bytesTotal").asLong());

        List<JsonNode> report = org.report(job.get("id").asLong());
        assertThat(report).extracting(r -> r.get("outcome").asString())
                .containsExactly("CREATED", "MATCHED", "REJECTED", "REJECTED", "REJECTED", "MATCHED");
        assertThat(report.get(2).get("reason").asString()).isEqualTo("unparseable phone '12'");
        assertThat(report.get(3).get("reason").asString()).isEqualTo("unknown operator 'nobody-" + t + "'");
        assertThat(report.get(4).get("reason").asString()).startsWith("duplicate row");

        assertThat(report.get(0).get("reason").asString()).isEqualTo("new partner New " + t);
        assertThat(report.get(1).get("reason").asString()).isEqualTo("partner Known " + t);
        assertThat(report).extracting(r -> r.get("line").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

        // Page by page, and filtered, the report reads the same (on PostgreSQL the lines come from three batches).
        List<JsonNode> paged = new java.util.ArrayList<>();
        String after = "";
        do {
            JsonNode page = org.manager.ok(200, org.manager.get("/api/v1/call-imports/" + job.get("id").asLong() + "/rows?limit=2" + after));
            page.get("items").forEach(paged::add);
            JsonNode next = page.get("next");
            after = next == null || next.isNull() ? null : "&after=" + next.asString();
        } while (after != null);
        assertThat(paged).extracting(r -> r.get("line").asLong() + " " + r.get("outcome").asString() + " " + r.get("reason").asString())
                .isEqualTo(report.stream().map(r -> r.get("line").asLong() + " " + r.get("outcome").asString() + " " + r.get("reason").asString())
                        .toList());
        JsonNode matchedOnly = org.manager.ok(200, org.manager.get("/api/v1/call-imports/" + job.get("id").asLong() + "/rows?outcome=MATCHED"));
        assertThat(matchedOnly.get("items")).extracting(r -> r.get("line").asLong()).containsExactly(2L, 6L);
        JsonNode rejectedOnly = org.manager.ok(200, org.manager.get("/api/v1/call-imports/" + job.get("id").asLong() + "/rows?outcome=REJECTED"));
        assertThat(rejectedOnly.get("items")).extracting(r -> r.get("line").asLong()).containsExactly(3L, 4L, 5L);

        JsonNode first = org.manager.ok(200, org.manager.get("/api/v1/calls/" + report.get(0).get("callId").asLong()));
        assertThat(first.get("phone").asString()).isEqualTo(e164(1));
        assertThat(first.get("responsibleId").asLong()).isEqualTo(org.operatorId);
        assertThat(first.get("priority").asInt()).isEqualTo(2);
        assertThat(first.get("contactName").asString()).isEqualTo("Anna Smith");
        JsonNode matched = org.manager.ok(200, org.manager.get("/api/v1/calls/" + report.get(1).get("callId").asLong()));
        assertThat(matched.get("partnerId").asLong()).isEqualTo(existing);
        assertThat(matched.get("notes").asString()).as("a quoted newline stays in the field").isEqualTo("called in March,\nasked for a quote");
        JsonNode ben = org.manager.ok(200, org.manager.get("/api/v1/calls/" + report.get(5).get("callId").asLong()));
        assertThat(ben.get("partnerId").asLong()).isEqualTo(first.get("partnerId").asLong());

        // The same file again: every row is a duplicate, nothing new is created.
        JsonNode again = org.importAndWait(campaign, csv.getBytes(StandardCharsets.UTF_8));
        assertThat(again.get("state").asString()).isEqualTo("DONE");
        assertThat(again.get("created").asInt() + again.get("matched").asInt()).isZero();
        assertThat(org.report(again.get("id").asLong())).extracting(r -> r.get("reason").asString())
                .filteredOn(r -> r.startsWith("duplicate row")).hasSize(4);
        assertThat(calls(campaign)).isEqualTo(3);
        JsonNode partners = org.manager.ok(200, org.manager.get("/api/v1/partners?q=New+" + t)).get("items");
        assertThat(partners).as("one company, not one per run").hasSize(1);
    }

    /**
     * Each row names what a row just before it created. On PostgreSQL, in batches of two written side by
     * side, that row is mostly in the batch still being written when this one is matched.
     */
    @Test
    void rowsNamingWhatTheRowsJustBeforeThemCreatedFindItWhereverTheBatchesFall() throws Exception {
        String t = org.tag;
        long campaign = org.campaign("Chain");
        String csv = "Company,Contact,Phone,Email\n"
                + "Chain " + t + ",Anna," + phone(31) + ",anna@chain-" + t + ".example\n" // 1 creates the company and Anna
                + "Chain " + t + ",Bob," + phone(32) + ",\n" //                               2 joins it
                + "Chain " + t + ",Carl," + phone(33) + ",\n" //                              3 joins it, one batch later
                + "Someone " + t + ",Whoever," + phone(32) + ",\n" //                         4 is Bob, by phone
                + "Else " + t + ",Nobody," + phone(34) + ",Anna@Chain-" + t + ".example\n" // 5 is Anna, by e-mail
                + "Chain " + t + ",Carl," + phone(33) + ",\n" //                              6 repeats row 3
                + ",Dora," + phone(35) + ",\n" //                                             7 a person of her own
                + "Chain " + t + ",Eve," + phone(36) + ",\n" //                               8
                + "Who " + t + ",Knows," + phone(35) + ",\n" //                               9 is Dora, by phone
                + ",Fay," + phone(37) + ",\n" //                                             10
                + "Late " + t + ",Nobody," + phone(31) + ",\n"; //                           11 is Anna, read back with her company
        JsonNode job = org.importAndWait(campaign, csv.getBytes(StandardCharsets.UTF_8));
        assertThat(job.get("state").asString()).isEqualTo("DONE");
        List<JsonNode> report = org.report(job.get("id").asLong());
        assertThat(report).extracting(r -> r.get("outcome").asString())
                .containsExactly("CREATED", "MATCHED", "MATCHED", "MATCHED", "MATCHED", "REJECTED", "CREATED", "MATCHED", "MATCHED", "CREATED",
                        "MATCHED");
        assertThat(report.get(5).get("reason").asString()).startsWith("duplicate row");
        Map<Integer, JsonNode> call = new java.util.HashMap<>();
        for (int i : new int[] {0, 1, 2, 3, 4, 6, 7, 8, 10}) {
            call.put(i + 1, org.manager.ok(200, org.manager.get("/api/v1/calls/" + report.get(i).get("callId").asLong())));
        }
        long chain = call.get(1).get("partnerId").asLong();
        for (int row : new int[] {2, 3, 4, 5, 8, 11}) {
            assertThat(call.get(row).get("partnerId").asLong()).as("row %d's partner", row).isEqualTo(chain);
        }
        assertThat(call.get(4).get("contactId").asLong()).as("row 4 is Bob").isEqualTo(call.get(2).get("contactId").asLong());
        assertThat(call.get(5).get("contactId").asLong()).as("row 5 is Anna").isEqualTo(call.get(1).get("contactId").asLong());
        assertThat(call.get(11).get("contactId").asLong()).as("row 11 is Anna").isEqualTo(call.get(1).get("contactId").asLong());
        assertThat(call.get(9).get("partnerId").asLong()).as("row 9 is Dora").isEqualTo(call.get(7).get("partnerId").asLong());
        assertThat(org.manager.ok(200, org.manager.get("/api/v1/partners?q=Chain+" + t)).get("items")).as("one company").hasSize(1);
        assertThat(calls(campaign)).isEqualTo(10);
    }

    @Test
    void aFileThatStopsBeingReadableHalfWayKeepsExactlyTheRowsReported() throws Exception {
        long campaign = org.campaign("Half");
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes("Partner,Phone,Notes\n".getBytes(StandardCharsets.UTF_8));
        // Long notes: the file is decoded 64 KB at a time, and the bad bytes must come after the first reads.
        String notes = "x".repeat(40_000);
        for (int i = 10; i < 15; i++) {
            file.writeBytes(("Half " + org.tag + " " + i + "," + phone(i) + "," + notes + "\n").getBytes(StandardCharsets.UTF_8));
        }
        file.writeBytes(("Soci\u00e9t\u00e9 " + org.tag + "," + phone(20) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        JsonNode job = org.importAndWait(campaign, file.toByteArray());
        assertThat(job.get("state").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains("not UTF-8");
        int done = job.get("rowsDone").asInt();
        if (batchSize() < 5) {
            assertThat(done).as("the batches read before the bad bytes were committed").isPositive().isLessThan(5);
        }
        assertThat(calls(campaign)).isEqualTo(done);
        assertThat(org.report(job.get("id").asLong())).hasSize(done);
    }

    @Test
    void aByteOrderMarkAndSemicolonsAreUnderstood() throws Exception {
        long campaign = org.campaign("Bom");
        byte[] body = ("\uFEFFPartner;Phone;Notes\r\nBomco " + org.tag + ";" + phone(1) + ";\"a; b\"\r\n").getBytes(StandardCharsets.UTF_8);
        JsonNode job = org.importAndWait(campaign, body);
        assertThat(job.get("state").asString()).isEqualTo("DONE");
        assertThat(job.get("created").asInt()).isEqualTo(1);
        JsonNode call = org.manager.ok(200, org.manager.get("/api/v1/calls?campaignId=" + campaign)).get("items").get(0);
        assertThat(call.get("partnerName").asString()).isEqualTo("Bomco " + org.tag);
        assertThat(call.get("notes").asString()).isEqualTo("a; b");
        assertThat(call.get("teamId").asLong()).as("the campaign's team works it").isEqualTo(org.teamId);
    }

    @Test
    void tabsBackslashesAndLineBreaksInAFieldArriveAsTyped() throws Exception {
        // On PostgreSQL the rows are written with COPY, whose text format gives these characters a meaning.
        long campaign = org.campaign("Escapes");
        String notes = "C:\\clients\\new\tcolumn\r\nline two \\N \\. é ✓";
        String company = "Back\\slash\tCo " + org.tag;
        String csv = "Company,Phone,Notes\n\"" + company + "\"," + phone(5) + ",\"" + notes + "\"\n";
        JsonNode job = org.importAndWait(campaign, csv.getBytes(StandardCharsets.UTF_8));
        assertThat(job.get("created").asInt()).isEqualTo(1);
        JsonNode call = org.manager.ok(200, org.manager.get("/api/v1/calls?campaignId=" + campaign)).get("items").get(0);
        assertThat(call.get("notes").asString()).isEqualTo(notes);
        assertThat(call.get("partnerName").asString()).isEqualTo(company);
        JsonNode partner = org.manager.ok(200, org.manager.get("/api/v1/partners/" + call.get("partnerId").asLong()));
        assertThat(partner.get("name").asString()).isEqualTo(company);
        assertThat(partner.get("phone").asString()).isEqualTo(e164(5));
    }

    @Test
    void missingColumnsAndAWrongEncodingFailWithAClearReport() throws Exception {
        long campaign = org.campaign("Bad");
        JsonNode missing = org.importAndWait(campaign, "Name,Email\nAnna,anna@example.com\n".getBytes(StandardCharsets.UTF_8));
        assertThat(missing.get("state").asString()).isEqualTo("FAILED");
        assertThat(missing.get("error").asString()).startsWith("missing required column(s): phone;").contains("name, email");
        JsonNode none = org.importAndWait(campaign, "Email,Phone\nanna@example.com,0123456789\n".getBytes(StandardCharsets.UTF_8));
        assertThat(none.get("error").asString()).startsWith("missing required column(s): partner or contact");

        JsonNode latin1 = org.importAndWait(campaign, ("Partner,Phone\nSoci\u00e9t\u00e9 " + org.tag + "," + phone(1) + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.get("state").asString()).isEqualTo("FAILED");
        assertThat(latin1.get("error").asString()).contains("not UTF-8");
        assertThat(calls(campaign)).isZero();

        assertThat(org.operator.post("/api/v1/call-campaigns", ApiClient.json(Map.of("name", "mine"))).status())
                .as("operators do not run campaigns").isEqualTo(403);
    }

    @Test
    void aListIsBuiltFromAPartnerCategoryOnce() {
        String category = "vip" + org.tag;
        org.manager.ok(201, org.manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name", "Vip " + org.tag,
                "phone", phone(1), "categories", List.of(category)))));
        org.manager.ok(201, org.manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name", "Mute " + org.tag,
                "categories", List.of(category)))));
        long campaign = org.campaign("Vip");
        JsonNode built = org.manager.ok(200, org.manager.post("/api/v1/call-campaigns/" + campaign + "/from-category",
                ApiClient.json(Map.of("category", category))));
        assertThat(built.get("created").asInt()).isEqualTo(1);
        assertThat(built.get("withoutPhone").asInt()).isEqualTo(1);
        JsonNode again = org.manager.ok(200, org.manager.post("/api/v1/call-campaigns/" + campaign + "/from-category",
                ApiClient.json(Map.of("category", category))));
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("alreadyListed").asInt()).isEqualTo(1);
        JsonNode call = org.operator.ok(200, org.operator.post("/api/v1/calls/next", "{}"));
        assertThat(call.get("phone").asString()).isEqualTo(e164(1));
        assertThat(call.get("responsibleId").asLong()).as("claimed from the team's unassigned calls").isEqualTo(org.operatorId);
    }

    @Test
    void aListIsBuiltFromASavedSearchAsItFindsPartnersToday() {
        String word = "Saved" + org.tag;
        org.company(word + " Alpha", phone(5));
        org.company("Other " + org.tag, phone(6));
        JsonNode search = org.manager.ok(201, org.manager.post("/api/v1/saved-searches",
                ApiClient.json(Map.of("name", "Prospects " + org.tag, "text", word, "shared", true))));
        assertThat(org.manager.post("/api/v1/saved-searches", ApiClient.json(Map.of("name", "Prospects " + org.tag, "text", "x"))).status())
                .as("a second search of the same name").isEqualTo(400);
        assertThat(org.manager.post("/api/v1/saved-searches", ApiClient.json(Map.of("name", "Everyone " + org.tag))).status())
                .as("a search without any criterion").isEqualTo(400);
        // Saved before this company existed: the list takes the partners the search finds when it is built.
        org.company(word + " Beta", phone(7));
        long campaign = org.campaign("From search");
        String path = "/api/v1/call-campaigns/" + campaign + "/from-saved-search";
        String body = ApiClient.json(Map.of("savedSearchId", search.get("id").asLong()));
        assertThat(org.operator.post(path, body).status()).as("only managers build lists").isEqualTo(403);
        JsonNode built = org.manager.ok(200, org.manager.post(path, body));
        assertThat(built.get("created").asInt()).isEqualTo(2);
        assertThat(org.manager.ok(200, org.manager.post(path, body)).get("alreadyListed").asInt()).isEqualTo(2);
        assertThat(calls(campaign)).isEqualTo(2);
        assertThat(org.manager.post(path, ApiClient.json(Map.of("savedSearchId", 999_999))).status()).isEqualTo(404);
    }
}

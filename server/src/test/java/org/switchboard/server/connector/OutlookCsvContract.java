package org.switchboard.server.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * Partners to and from Outlook's contacts CSV over HTTP: a file as Outlook writes it, our export read back,
 * and files that are no contacts file. Runs on H2 and PostgreSQL (subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OutlookCsvContract {
    static final String EXPORT = "/api/v1/partners/export/outlook.csv";
    static final String IMPORT = "/api/v1/partners/import/outlook";
    private static int sequence;

    @LocalServerPort
    int port;

    ApiClient admin;
    ApiClient manager;
    ApiClient operator;
    String tag;

    @BeforeEach
    void users() {
        tag = "o" + (++sequence) + System.nanoTime() % 100000;
        admin = ApiClient.admin(port);
        manager = ApiClient.basic(port, user("mgr", "SALES_MANAGER"), "password-" + tag);
        operator = ApiClient.basic(port, user("op", "OPERATOR"), "password-" + tag);
    }

    private String user(String prefix, String role) {
        admin.ok(201, admin.post("/api/v1/users", ApiClient.json(Map.of("username", prefix + tag, "displayName", prefix + " " + tag,
                "role", role, "password", "password-" + tag))));
        return prefix + tag;
    }

    private Response importCsv(ApiClient client, byte[] file) {
        return client.send("POST", IMPORT, file, "Content-Type", "text/csv");
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = OutlookCsvContract.class.getResourceAsStream("/connector/outlook-contacts.csv")) {
            return in.readAllBytes();
        }
    }

    private JsonNode partnerNamed(String name) {
        JsonNode items = manager.ok(200, manager.get("/api/v1/partners?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8))).get("items");
        for (JsonNode p : items) {
            if (p.get("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no partner named " + name + " in " + items);
    }

    private static List<String> outcomes(JsonNode report) {
        List<String> outcomes = new ArrayList<>();
        report.get("rows").forEach(r -> outcomes.add(r.get("outcome").asString()));
        return outcomes;
    }

    @Test
    void aFileAsOutlookWritesItIsImportedRowByRowAndASecondTimeChangesNothing() throws IOException {
        JsonNode report = manager.ok(200, importCsv(manager, fixture()));

        assertThat(report.get("charset").asString()).as("Outlook writes the ANSI code page").isEqualTo("windows-1252");
        assertThat(outcomes(report)).containsExactly("CREATED", "CREATED", "CREATED", "CREATED", "SKIPPED", "SKIPPED", "CREATED");
        JsonNode broken = report.get("rows").get(4);
        assertThat(broken.get("row").asLong()).as("the spreadsheet's row number").isEqualTo(6);
        assertThat(broken.get("name").asString()).isEqualTo("Pat Broken");
        assertThat(broken.get("reason").asString()).contains("pat at nowhere", "not an email address");
        assertThat(report.get("rows").get(5).get("reason").asString()).isEqualTo("no name, company or e-mail address");

        JsonNode juergen = partnerNamed("Jürgen Müller");
        assertThat(juergen.get("kind").asString()).isEqualTo("PERSON");
        assertThat(juergen.get("companyName").asString()).isEqualTo("Müller, Schmidt & Co. KG");
        assertThat(juergen.get("jobTitle").asString()).isEqualTo("Einkaufsleiter");
        assertThat(juergen.get("street").asString()).isEqualTo("Königstraße 12");
        assertThat(juergen.get("zip").asString() + " " + juergen.get("city").asString()).isEqualTo("70173 Stuttgart");
        assertThat(juergen.get("phone").asString()).isEqualTo("+49 711 123456");
        assertThat(juergen.get("mobile").asString()).isEqualTo("+49 170 1234567");
        assertThat(juergen.get("emails").get(0).asString()).isEqualTo("j.mueller@mueller-schmidt.example");
        assertThat(juergen.get("categories").toString()).as("categories as the CRM keeps them").isEqualTo("[\"customer\",\"trade fair 2026\"]");
        assertThat(juergen.get("notes").asString()).isEqualTo("Met at the trade fair.\r\nPrefers \"short\" offers, by mail.");
        assertThat(juergen.get("website").asString()).isEqualTo("https://mueller-schmidt.example");
        JsonNode francoise = partnerNamed("Françoise A. Dupont");
        assertThat(francoise.get("companyId").asLong()).as("one company for both").isEqualTo(juergen.get("companyId").asLong());
        assertThat(francoise.get("emails")).hasSize(2);
        JsonNode kim = partnerNamed("Kim Lee");
        assertThat(kim.get("emails").toString()).as("the Exchange-internal address is left out").isEqualTo("[\"kim.lee@contoso.example\"]");
        JsonNode fabrikam = partnerNamed("Fabrikam Inc.");
        assertThat(fabrikam.get("kind").asString()).isEqualTo("COMPANY");
        assertThat(fabrikam.get("phone").asString()).isEqualTo("+1 425 555 0100");
        JsonNode sam = partnerNamed("Sam Home");
        assertThat(sam.get("city").asString()).as("the home address when there is no business one").isEqualTo("Paris");
        assertThat(sam.get("companyId")).isNull();

        JsonNode again = manager.ok(200, importCsv(manager, fixture()));
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("rows").get(0).get("reason").asString()).isEqualTo("no change");
        assertThat(again.get("rows").get(0).get("partnerId").asLong()).isEqualTo(juergen.get("id").asLong());
    }

    @Test
    void ourExportIsOutlooksFormatAndReadsBackWithoutDuplicatesOrLoss() throws IOException {
        long company = manager.ok(201, manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name",
                "Initech, " + tag, "city", "Austin", "phone", "+1 512 555 0199")))).get("id").asLong();
        JsonNode peter = manager.ok(201, manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name",
                "Peter Gibbons " + tag, "companyId", company, "jobTitle", "Programmer", "emails",
                List.of("peter." + tag + "@initech.example", "pg." + tag + "@home.example"), "categories", List.of("TPS", "Reports"),
                "notes", "Line one, with a comma\nLine \"two\"", "mobile", "+1 512 555 0101"))));
        manager.ok(201, manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name", "Milton " + tag))));

        Response export = manager.get(EXPORT);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.header("Content-Disposition")).contains("attachment", ".csv");
        String csv = export.raw().body();
        assertThat(csv).startsWith("\uFEFF\"Title\",\"First Name\",\"Middle Name\",\"Last Name\",\"Suffix\",\"Company\",\"Department\","
                + "\"Job Title\",\"Business Street\",");
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith("\"User 1\",\"User 2\",\"User 3\",\"User 4\",\"Web Page\"");
        assertThat(csv).contains("\r\n");
        List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(csv.substring(1))).getRecords();
        assertThat(records.get(0).size()).isEqualTo(92);
        CSVRecord row = records.stream().filter(r -> r.get(3).equals(tag)).filter(r -> r.get(1).equals("Peter Gibbons")).findFirst()
                .orElseThrow();
        assertThat(row.size()).isEqualTo(92);
        assertThat(row.get(5)).isEqualTo("Initech, " + tag);
        assertThat(row.get(7)).isEqualTo("Programmer");
        assertThat(row.get(57)).isEqualTo("peter." + tag + "@initech.example");
        assertThat(row.get(58)).isEqualTo("SMTP");

        JsonNode report = manager.ok(200, importCsv(manager, csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.get("charset").asString()).isEqualTo("UTF-8");
        assertThat(report.get("created").asInt()).as("everything is recognised").isZero();
        assertThat(report.get("updated").asInt()).isZero();
        JsonNode same = partnerNamed("Peter Gibbons " + tag);
        assertThat(same.get("id").asLong()).isEqualTo(peter.get("id").asLong());
        assertThat(same.get("emails")).isEqualTo(peter.get("emails"));
        assertThat(same.get("categories")).isEqualTo(peter.get("categories"));
        assertThat(same.get("notes").asString()).isEqualTo("Line one, with a comma\nLine \"two\"");
        assertThat(same.get("version").asInt()).isEqualTo(peter.get("version").asInt());

        // Changed in Outlook, read back: the change lands on the same partner.
        String changed = csv.replace("\"+1 512 555 0101\"", "\"+1 512 555 0102\"");
        JsonNode update = manager.ok(200, importCsv(manager, changed.getBytes(StandardCharsets.UTF_8)));
        assertThat(update.get("updated").asInt()).isEqualTo(1);
        assertThat(partnerNamed("Peter Gibbons " + tag).get("mobile").asString()).isEqualTo("+1 512 555 0102");
    }

    @Test
    void aFewColumnsInAnyOrderWithOrWithoutBomAndAsAnUploadAreEnough() {
        String csv = "\"E-mail Address\",\"Last Name\",\"First Name\",\"Favourite Colour\"\n"
                + "ada." + tag + "@engine.example,Lovelace " + tag + ",Ada,green\n"
                + "grace." + tag + "@navy.example,Hopper " + tag + "\n";
        JsonNode plain = manager.ok(200, importCsv(manager, csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(outcomes(plain)).containsExactly("CREATED", "CREATED");
        assertThat(plain.get("ignoredColumns").toString()).isEqualTo("[\"Favourite Colour\"]");
        assertThat(partnerNamed("Ada Lovelace " + tag).get("emails").get(0).asString()).isEqualTo("ada." + tag + "@engine.example");
        assertThat(partnerNamed("Hopper " + tag)).isNotNull();

        byte[] bom = ("\uFEFF" + csv.replace("green", "blue")).getBytes(StandardCharsets.UTF_8);
        JsonNode withBom = manager.ok(200, importCsv(manager, bom));
        assertThat(withBom.get("created").asInt()).isZero();

        String boundary = "----sb" + tag;
        byte[] multipart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n\"First Name\",\"Last Name\",\"Company\"\r\n\"Alan\",\"Turing " + tag + "\",\"Bletchley "
                + tag + "\"\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        JsonNode uploaded = manager.ok(200, manager.send("POST", IMPORT, multipart, "Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(outcomes(uploaded)).containsExactly("CREATED");
        assertThat(partnerNamed("Alan Turing " + tag).get("companyName").asString()).isEqualTo("Bletchley " + tag);
    }

    @Test
    void filesThatAreNoContactsFileAreRefusedWithoutImportingAnything() {
        String name = "Never " + tag;
        Response json = importCsv(manager, ApiClient.json(Map.of("First Name", name)).getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(json.json().get("detail").asString()).contains("not an Outlook contacts file");

        Response unterminated = importCsv(manager, ("\"First Name\",\"Last Name\"\r\n\"" + name + "\",\"oops\r\n\"Next\",\"Row\"\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(unterminated.status()).isEqualTo(400);
        assertThat(unterminated.json().get("detail").asString()).contains("not a valid CSV file");

        assertThat(importCsv(manager, new byte[0]).status()).isEqualTo(400);
        byte[] huge = new byte[10 * 1024 * 1024 + 10];
        java.util.Arrays.fill(huge, (byte) 'a');
        Response tooLarge = importCsv(manager, huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");

        Response byOperator = importCsv(operator, ("\"First Name\",\"Last Name\"\r\n\"" + name + "\",\"x\"\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(byOperator.status()).isEqualTo(403);

        assertThat(manager.ok(200, manager.get("/api/v1/partners?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8))).get("items"))
                .as("nothing was imported").isEmpty();
    }
}

package org.switchboard.server.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.server.dav.DavHttp.text;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.dav.DavHttp;
import org.switchboard.server.dav.DavTestUsers;
import org.switchboard.server.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The CRM address book over real HTTP: discovery, reports, sync after a CRM edit, client writes that update,
 * create and archive partners, what a client's card keeps, and the cards that are refused. Runs on H2 and
 * on PostgreSQL (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CrmAddressBookContract {
    private static int sequence;

    @LocalServerPort
    int port;

    ApiClient admin;
    String user;
    DavHttp dav;
    String book;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        user = DavTestUsers.create(port, "card" + (++sequence) + System.nanoTime() % 100000, "Card User", "#3465a4");
        dav = DavHttp.basic(port, user, DavTestUsers.password(user));
        book = "/dav/" + user + "/crm-contacts/";
    }

    JsonNode company(String name) {
        return admin.ok(201, admin.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name", name,
                "phone", "+33 1 23 45 67 89", "website", "https://" + name.toLowerCase().replace(' ', '-') + ".example",
                "categories", java.util.List.of("Customer", "VIP"), "city", "Lyon", "country", "France"))));
    }

    JsonNode person(String name, long companyId, String email) {
        return admin.ok(201, admin.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name", name, "companyId", companyId,
                "emails", java.util.List.of(email), "jobTitle", "Buyer", "mobile", "+33 6 11 22 33 44"))));
    }

    JsonNode partner(long id) {
        return admin.ok(200, admin.get("/api/v1/partners/" + id));
    }

    String card(long id) {
        HttpResponse<byte[]> r = dav.send("GET", book + "switchboard-partner-" + id + ".vcf", null);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        return text(r);
    }

    HttpResponse<byte[]> putCard(String path, String vcard, String... headers) {
        return putBytes(path, vcard.getBytes(StandardCharsets.UTF_8), headers);
    }

    HttpResponse<byte[]> putBytes(String path, byte[] vcard, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "text/vcard; charset=utf-8";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return dav.send("PUT", path, vcard, all);
    }

    static String etag(HttpResponse<byte[]> r) {
        return r.headers().firstValue("ETag").orElse(null);
    }

    @Test
    void theBookIsInEveryHomeAndOnlyThere() {
        String home = text(dav.xml("PROPFIND", "/dav/" + user + "/", "1",
                "<propfind xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"><prop><resourcetype/><displayname/><sync-token/></prop></propfind>"));
        assertThat(home).contains(book, "/dav/" + user + "/contacts/", "Card User's contacts").contains("CRM contacts").containsPattern("addressbook\\s*/>");
        String principal = text(dav.xml("PROPFIND", "/dav/" + user + "/", "0",
                "<propfind xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"><prop><C:addressbook-home-set/></prop></propfind>"));
        assertThat(principal).contains("/dav/" + user + "/");
        assertThat(text(dav.xml("PROPFIND", "/dav/company/", "1", "<propfind xmlns=\"DAV:\"><prop><resourcetype/></prop></propfind>")))
                .doesNotContain("crm-contacts");
        assertThat(dav.xml("PROPFIND", "/dav/company/crm-contacts/", "0", "<propfind xmlns=\"DAV:\"><prop><resourcetype/></prop></propfind>")
                .statusCode()).isEqualTo(404);
        String other = DavTestUsers.create(port, "other" + System.nanoTime() % 100000, "Other", "#000000");
        DavHttp otherDav = DavHttp.basic(port, other, DavTestUsers.password(other));
        assertThat(otherDav.xml("PROPFIND", book, "0", "<propfind xmlns=\"DAV:\"><prop><getetag/></prop></propfind>").statusCode())
                .isEqualTo(403);
    }

    @Test
    void partnersAreCardsFoundByQueryAndMultiget() {
        JsonNode acme = company("Acme Query " + sequence);
        JsonNode anna = person("Anna Query" + sequence + " Martin", acme.get("id").asLong(), "anna.q" + sequence + "@acme.example");
        String company = card(acme.get("id").asLong());
        assertThat(company).contains("VERSION:3.0", "FN:" + acme.get("name").asString(), "X-ADDRESSBOOKSERVER-KIND:org",
                "UID:switchboard-partner-" + acme.get("id").asLong() + "@localhost", "CATEGORIES:customer,vip", "Lyon");
        String person = card(anna.get("id").asLong());
        assertThat(person).contains("ORG:" + acme.get("name").asString(), "TITLE:Buyer", "anna.q" + sequence + "@acme.example",
                "N:Martin;Anna Query" + sequence).containsPattern("TEL;TYPE=cell:\\+33 6 11 22 33 44");

        String query = text(dav.xml("REPORT", book, "1", "<C:addressbook-query xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\">"
                + "<prop><getetag/><C:address-data/></prop><C:filter><C:prop-filter name=\"EMAIL\"><C:text-match collation=\"i;unicode-casemap\" "
                + "match-type=\"contains\">anna.q" + sequence + "@</C:text-match></C:prop-filter></C:filter></C:addressbook-query>"));
        assertThat(query).contains("switchboard-partner-" + anna.get("id").asLong() + ".vcf").doesNotContain("X-ADDRESSBOOKSERVER-KIND");

        String multiget = text(dav.xml("REPORT", book, "1", "<C:addressbook-multiget xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\">"
                + "<prop><getetag/><C:address-data content-type=\"text/vcard\" version=\"4.0\"/></prop>"
                + "<href>" + book + "switchboard-partner-" + acme.get("id").asLong() + ".vcf</href>"
                + "<href>" + book + "switchboard-partner-" + anna.get("id").asLong() + ".vcf</href></C:addressbook-multiget>"));
        assertThat(multiget).contains("VERSION:4.0", "FN:Anna Query" + sequence + " Martin", "FN:" + acme.get("name").asString());
    }

    @Test
    void aCrmEditReachesTheNextSync() {
        JsonNode acme = company("Acme Sync " + sequence);
        long id = acme.get("id").asLong();
        String token = DavHttp.element(text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(null))), "sync-token");
        String before = etag(dav.send("GET", book + "switchboard-partner-" + id + ".vcf", null));

        admin.ok(200, admin.patch("/api/v1/partners/" + id, "{\"notes\":\"Prefers calls in the morning\",\"phone\":\"+33 4 00 00 00 01\"}",
                "\"" + acme.get("version").asInt() + "\""));

        String sync = text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(token)));
        assertThat(sync).contains("switchboard-partner-" + id + ".vcf");
        HttpResponse<byte[]> after = dav.send("GET", book + "switchboard-partner-" + id + ".vcf", null);
        assertThat(etag(after)).isNotEqualTo(before);
        assertThat(text(after)).contains("NOTE:Prefers calls in the morning", "+33 4 00 00 00 01");
        String again = DavHttp.element(sync, "sync-token");
        assertThat(text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(again)))).doesNotContain(".vcf");

        // archiving in the CRM takes the card away: a tombstone at the next sync
        admin.ok(200, admin.patch("/api/v1/partners/" + id, "{\"archived\":true}", "\"" + partner(id).get("version").asInt() + "\""));
        String gone = text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(again)));
        assertThat(gone).contains("switchboard-partner-" + id + ".vcf").contains("404");
        assertThat(dav.send("GET", book + "switchboard-partner-" + id + ".vcf", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aClientsCardUpdatesThePartnerWithHistory() {
        JsonNode acme = company("Acme Edit " + sequence);
        long id = acme.get("id").asLong();
        String path = book + "switchboard-partner-" + id + ".vcf";
        String card = card(id);
        String edited = card.replace("Lyon", "Grenoble").replace("CATEGORIES:customer,vip", "CATEGORIES:customer,vip,partner")
                .replace("END:VCARD", "NOTE:Met at the fair\r\nX-CUSTOM1:kept by Thunderbird\r\nEND:VCARD");
        // Thunderbird PUTs without If-Match
        HttpResponse<byte[]> put = putCard(path, edited, "User-Agent", "Mozilla/5.0 Thunderbird/128.0");
        assertThat(put.statusCode()).as(text(put)).isEqualTo(204);

        JsonNode p = partner(id);
        assertThat(p.get("city").asString()).isEqualTo("Grenoble");
        assertThat(p.get("notes").asString()).isEqualTo("Met at the fair");
        assertThat(p.get("categories").toString()).contains("partner");
        JsonNode events = admin.ok(200, admin.get("/api/v1/partners/" + id + "/events")).get("items");
        assertThat(events.get(0).get("summary").asString()).isEqualTo("Changed from Thunderbird");
        assertThat(events.get(0).get("changes").toString()).contains("Grenoble", "Lyon");

        // stored and served byte for byte while the CRM does not change it
        HttpResponse<byte[]> get = dav.send("GET", path, null);
        assertThat(text(get)).isEqualTo(edited);
        assertThat(etag(get)).isEqualTo(etag(put));

        // a CRM edit rewrites only what changed and keeps the client's X- property
        admin.ok(200, admin.patch("/api/v1/partners/" + id, "{\"website\":\"https://new.example\"}", "\"" + p.get("version").asInt() + "\""));
        String regenerated = card(id);
        assertThat(regenerated).contains("X-CUSTOM1:kept by Thunderbird", "https://new.example", "Grenoble", "NOTE:Met at the fair");

        // If-Match on a stale ETag and If-None-Match: * on an existing card are refused, nothing changes
        assertThat(putCard(path, edited, "If-Match", etag(get)).statusCode()).isEqualTo(412);
        assertThat(putCard(path, edited, "If-None-Match", "*").statusCode()).isEqualTo(412);
        assertThat(partner(id).get("website").asString()).isEqualTo("https://new.example");
    }

    @Test
    void aNewCardCreatesAPersonAtHerCompany() {
        JsonNode acme = company("Acme New " + sequence);
        String uid = "new-" + sequence + "-" + System.nanoTime();
        String vcard = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:" + uid + "\r\nFN:Bruno Nouveau" + sequence + "\r\nN:Nouveau" + sequence
                + ";Bruno;;;\r\nORG:" + acme.get("name").asString() + "\r\nEMAIL;TYPE=work:bruno" + sequence
                + "@acme.example\r\nTEL;TYPE=work:+33 1 00 00 00 02\r\nX-MS-IMADDRESS:bruno@im\r\nEND:VCARD\r\n";
        HttpResponse<byte[]> put = putCard(book + uid + ".vcf", vcard, "If-None-Match", "*", "User-Agent", "DAVx5/4.4 (okhttp)");
        assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
        assertThat(etag(put)).isNotNull();
        assertThat(put.headers().firstValue("Location").orElse("")).endsWith(book + uid + ".vcf");

        JsonNode people = admin.ok(200, admin.get("/api/v1/partners/" + acme.get("id").asLong() + "/contacts"));
        assertThat(people.toString()).contains("Bruno Nouveau" + sequence, "bruno" + sequence + "@acme.example");
        long bruno = people.get(0).get("id").asLong();
        JsonNode events = admin.ok(200, admin.get("/api/v1/partners/" + bruno + "/events")).get("items");
        assertThat(events.get(0).get("summary").asString()).isEqualTo("Created from DAVx5");
        // the client's card stays as it wrote it (its name, its UID), not a second card for the partner
        assertThat(text(dav.send("GET", book + uid + ".vcf", null))).isEqualTo(vcard);
        assertThat(dav.send("GET", book + "switchboard-partner-" + bruno + ".vcf", null).statusCode()).isEqualTo(404);

        // an ORG nobody knows makes the company
        String other = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:neworg-" + uid + "\r\nFN:Chloe Orga\r\nN:Orga;Chloe;;;\r\nORG:Brand New Co "
                + uid + "\r\nEND:VCARD\r\n";
        assertThat(putCard(book + "neworg-" + uid + ".vcf", other).statusCode()).isEqualTo(201);
        JsonNode found = admin.ok(200, admin.get("/api/v1/partners?q=" + "Brand%20New%20Co%20" + uid));
        assertThat(found.toString()).contains("Brand New Co " + uid);
    }

    @Test
    void deletingACardArchivesThePartner() {
        JsonNode acme = company("Acme Delete " + sequence);
        long id = acme.get("id").asLong();
        String token = DavHttp.element(text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(null))), "sync-token");
        assertThat(dav.send("DELETE", book + "switchboard-partner-" + id + ".vcf", null, "User-Agent", "vdirsyncer/0.19").statusCode())
                .isEqualTo(204);
        JsonNode p = partner(id);
        assertThat(p.get("archived").asBoolean()).isTrue();
        assertThat(admin.ok(200, admin.get("/api/v1/partners/" + id + "/events")).get("items").get(0).get("summary").asString())
                .isEqualTo("Archived from vdirsyncer (card deleted)");
        assertThat(dav.send("GET", book + "switchboard-partner-" + id + ".vcf", null).statusCode()).isEqualTo(404);
        assertThat(text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(token)))).contains("switchboard-partner-" + id + ".vcf");
    }

    @Test
    void photosAndXPropertiesSurviveByteForByte() {
        JsonNode acme = company("Acme Photo " + sequence);
        String photo = Base64.getEncoder().encodeToString(new byte[3000]);
        String uid = "photo-" + System.nanoTime();
        StringBuilder folded = new StringBuilder("PHOTO;ENCODING=b;TYPE=JPEG:");
        for (int i = 0; i < photo.length(); i += 60) {
            folded.append(i == 0 ? "" : "\r\n ").append(photo, i, Math.min(photo.length(), i + 60));
        }
        String vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:" + uid + "\r\nFN:Pia Photo\r\nN:Photo;Pia;;;\r\nORG:" + acme.get("name").asString()
                + "\r\n" + folded + "\r\nX-MS-OL-DESIGN;CHARSET=utf-8:<card/>\r\nX-SOCIALPROFILE;TYPE=twitter:pia\r\nEND:VCARD\r\n";
        HttpResponse<byte[]> put = putCard(book + uid + ".vcf", vcard);
        assertThat(put.statusCode()).as(text(put)).isEqualTo(201);
        HttpResponse<byte[]> get = dav.send("GET", book + uid + ".vcf", null);
        assertThat(text(get)).isEqualTo(vcard);
        assertThat(etag(get)).isEqualTo(etag(put));

        // a CRM edit regenerates the fields but keeps the photo and the X- properties
        long id = admin.ok(200, admin.get("/api/v1/partners/" + acme.get("id").asLong() + "/contacts")).get(0).get("id").asLong();
        admin.ok(200, admin.patch("/api/v1/partners/" + id, "{\"jobTitle\":\"Photographer\"}", "\"" + partner(id).get("version").asInt() + "\""));
        String after = text(dav.send("GET", book + uid + ".vcf", null));
        assertThat(after).contains("TITLE:Photographer", "X-SOCIALPROFILE", "X-MS-OL-DESIGN", "UID:" + uid);
        assertThat(after.replaceAll("\r\n[ \t]", "")).contains(photo);
    }

    @Test
    void badCardsAreRefusedAndNothingIsStored() {
        String token = DavHttp.element(text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(null))), "sync-token");
        HttpResponse<byte[]> noFn = putCard(book + "nofn.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:nofn\r\nN:X;Y;;;\r\nEND:VCARD\r\n");
        assertThat(noFn.statusCode()).isIn(400, 403);
        assertThat(text(noFn)).contains("valid-address-data");

        byte[] latin1 = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:latin\r\nFN:Ren\u00e9 M\u00fcller\r\nEND:VCARD\r\n".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<byte[]> broken = putBytes(book + "latin.vcf", latin1);
        assertThat(broken.statusCode()).isIn(400, 403, 415);
        assertThat(text(broken)).contains("valid-address-data");

        HttpResponse<byte[]> garbage = putCard(book + "garbage.vcf", "this is not a vCard at all");
        assertThat(garbage.statusCode()).isIn(400, 403, 415);

        byte[] huge = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'A');
        String head = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:huge\r\nFN:Huge Photo\r\nPHOTO;ENCODING=b;TYPE=JPEG:";
        byte[] body = new byte[head.length() + huge.length + 13];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, body, 0, head.length());
        System.arraycopy(huge, 0, body, head.length(), huge.length);
        System.arraycopy("\r\nEND:VCARD\r\n".getBytes(StandardCharsets.US_ASCII), 0, body, head.length() + huge.length, 13);
        HttpResponse<byte[]> tooBig = putBytes(book + "huge.vcf", body);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(text(tooBig)).contains("max-resource-size");

        for (String name : new String[] {"nofn.vcf", "latin.vcf", "garbage.vcf", "huge.vcf"}) {
            assertThat(dav.send("GET", book + name, null).statusCode()).isEqualTo(404);
        }
        assertThat(text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(token)))).doesNotContain(".vcf");
        assertThat(admin.ok(200, admin.get("/api/v1/partners?q=Huge%20Photo")).get("items")).isEmpty();
    }

    @Test
    void concurrentCrmEditsAndClientWritesLoseNoChangeInSync() throws Exception {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(company("Acme Race " + sequence + "-" + i).get("id").asLong());
        }
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        String[] token = {syncInto(seen, null)};
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<Thread> writers = new java.util.ArrayList<>();
        for (long id : ids) {
            Thread t = new Thread(() -> {
                for (int n = 0; n < 4; n++) {
                    if (id % 2 == 0) {
                        admin.ok(200, admin.patch("/api/v1/partners/" + id, "{\"notes\":\"api " + n + "\"}",
                                "\"" + partner(id).get("version").asInt() + "\""));
                    } else {
                        String path = book + "switchboard-partner-" + id + ".vcf";
                        putCard(path, text(dav.send("GET", path, null)).replaceAll("(?m)^NOTE:.*\r\n", "")
                                .replace("END:VCARD", "NOTE:client " + n + "\r\nEND:VCARD"));
                    }
                }
            });
            writers.add(t);
            t.start();
        }
        Thread syncer = new Thread(() -> {
            while (!done.get()) {
                token[0] = syncInto(seen, token[0]);
            }
        });
        syncer.start();
        for (Thread t : writers) {
            t.join();
        }
        done.set(true);
        syncer.join();
        token[0] = syncInto(seen, token[0]);
        for (long id : ids) {
            String href = book + "switchboard-partner-" + id + ".vcf";
            assertThat(seen.get(href)).as(href).isEqualTo(etag(dav.send("GET", href, null)));
        }
    }

    /** One sync-collection from {@code token}, the reported ETags put into {@code seen}; returns the new token. */
    private String syncInto(java.util.Map<String, String> seen, String token) {
        String answer = text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(token)));
        java.util.regex.Pattern member = java.util.regex.Pattern.compile("<(?:\\w+:)?href>([^<]+)</[\\s\\S]*?<(?:\\w+:)?getetag>([^<]+)</");
        synchronized (seen) {
            for (String response : answer.split("</(?:\\w+:)?response>")) {
                java.util.regex.Matcher r = member.matcher(response);
                if (r.find()) {
                    seen.put(r.group(1), r.group(2).replace("&quot;", "\""));
                }
            }
        }
        return DavHttp.element(answer, "sync-token");
    }
}

package org.switchboard.bench;

import java.io.File;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The CardDAV benchmark of issue 5 (targets.md: 50,000 contacts, initial sync ≤ 3 s): partners (one
 * company per ten people) loaded straight into a fresh PostgreSQL schema with their {@code partner_change}
 * rows, as the repository would have written them; the server's background catch-up renders the book from
 * them (timed once, with a request made meanwhile), then over HTTP with Basic credentials: an initial sync-collection with address-data, a
 * sync-collection after one CRM edit (the API PATCH is not timed; the sync, which renders the changed card,
 * is), and an addressbook-multiget of 100 cards. When Radicale is available ({@link RadicaleProcess}) the cards of
 * Switchboard's initial sync are written into its storage and the same requests run against it, printed as a second table.
 */
final class CardDavBench {
    static final String SCHEMA = "bench_carddav";
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password-123";
    private static final String CARDDAV = "xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"";

    private final BenchTarget target;
    private final int contacts;
    private final int requests;
    private final String radicaleExecutable;
    private final Duration radicaleTimeout;
    private final int radicaleRequests;
    private final String authorization = BenchTarget.basic(USER, PASSWORD);
    private final String admin = BenchTarget.basic("admin", BenchTarget.ADMIN_PASSWORD);

    CardDavBench(Options o) {
        target = BenchTarget.from(o);
        contacts = o.integer("contacts", 50000);
        requests = o.integer("requests", 50);
        radicaleExecutable = RadicaleProcess.executable(o);
        radicaleTimeout = Duration.ofSeconds(o.integer("radicale-timeout", 120));
        radicaleRequests = o.integer("radicale-requests", 5);
    }

    void run() throws Exception {
        target.freshSchema(SCHEMA);
        try (ServerProcess server = target.start(SCHEMA, "carddav");
                RadicaleProcess radicale = radicaleExecutable == null ? null
                        : RadicaleProcess.start(radicaleExecutable, new File("target/bench-carddav-radicale.log"))) {
            DavEndpoint switchboard = DavEndpoint.switchboard(server.port, USER, authorization);
            switchboard.send(admin, "POST", "/api/v1/users", "application/json", "{\"username\":\"" + USER + "\",\"displayName\":\"Bench Seller\","
                    + "\"role\":\"SALESPERSON\",\"password\":\"" + PASSWORD + "\"}", 201);
            long firstId;
            String book = switchboard.home + "crm-contacts/";
            try (Connection db = target.connect(SCHEMA)) {
                firstId = load(db);
                // The background catch-up (ADR 0014) renders the cards; a request meanwhile does not wait for it.
                long t0 = System.nanoTime();
                switchboard.send("PROPFIND", book, "0", "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:getctag/></D:prop></D:propfind>", 207);
                System.out.printf("First request after the load, while the queue is rendered: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
                while (queued(db) > 0) {
                    Thread.sleep(200);
                }
                System.out.printf("Background catch-up of %,d cards done %.1f s after the load%n", contacts, (System.nanoTime() - t0) / 1e9);
            }
            // the cards as Switchboard renders them, before any edit: Radicale gets the same bytes
            String cards = radicale == null ? null : switchboard.send("REPORT", book, "1", sync("", ADDRESS_DATA), 207);
            measure(switchboard, book, firstId, null);
            if (radicale == null) {
                System.out.println("\nRadicale not run (no radicale on the PATH, or --radicale none)");
                return;
            }
            Map<String, String> written = writeRadicale(radicale, cards);
            DavEndpoint other = DavEndpoint.radicale(radicale, USER, authorization, radicaleTimeout, radicaleRequests);
            String same = other.home + "crm-contacts/";
            long t0 = System.nanoTime();
            String first;
            try {
                other.sendWithin(radicaleTimeout.multipliedBy(5), "PROPFIND", same, "1",
                        "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop></D:propfind>", 207);
                first = String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
            } catch (Exception e) {
                first = DavEndpoint.timedOut(e) ? "timeout (" + radicaleTimeout.multipliedBy(5).toSeconds() + " s)" : "failed: " + e.getMessage();
            }
            System.out.printf("%s: first request (PROPFIND Depth 1 getetag, builds its item cache): %s%n", other.name, first);
            measure(other, same, firstId, written);
        }
    }

    /** Writes each card of Switchboard's initial sync answer into Radicale's storage under its href's name; returns them by name. */
    private Map<String, String> writeRadicale(RadicaleProcess radicale, String multistatus) throws Exception {
        long t0 = System.nanoTime();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(multistatus)));
        NodeList responses = doc.getElementsByTagNameNS("DAV:", "response");
        Path dir = radicale.collection(USER, "crm-contacts", "VADDRESSBOOK");
        Map<String, String> cards = new HashMap<>();
        for (int i = 0; i < responses.getLength(); i++) {
            Element r = (Element) responses.item(i);
            NodeList data = r.getElementsByTagNameNS("urn:ietf:params:xml:ns:carddav", "address-data");
            if (data.getLength() == 0) {
                continue;
            }
            String href = r.getElementsByTagNameNS("DAV:", "href").item(0).getTextContent().trim();
            String name = href.substring(href.lastIndexOf('/') + 1);
            String card = data.item(0).getTextContent().replaceAll("\r?\n", "\r\n");
            Files.writeString(dir.resolve(name), card);
            cards.put(name, card);
        }
        if (cards.size() != contacts) {
            throw new IllegalStateException("Switchboard's initial sync had " + cards.size() + " cards, not " + contacts);
        }
        System.out.printf("%nWrote the same %,d cards (Switchboard's rendering) into Radicale's storage in %.1f s%n", cards.size(),
                (System.nanoTime() - t0) / 1e9);
        return cards;
    }

    private static long queued(Connection db) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM partner_change")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Partners, their emails and their partner_change rows; returns the first partner id. */
    private long load(Connection db) throws Exception {
        long t0 = System.nanoTime();
        db.setAutoCommit(false);
        int companies = Math.max(1, contacts / 10);
        long companyBase;
        try (PreparedStatement p = db.prepareStatement("INSERT INTO partner (kind, name, company_id, job_title, phone, mobile, street, zip, city, "
                + "country, website, categories, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < contacts; i++) {
                boolean company = i < companies;
                p.setString(1, company ? "COMPANY" : "PERSON");
                p.setString(2, company ? "Company " + i + " SA" : "Person " + i + " Benchmark");
                if (company) {
                    p.setNull(3, java.sql.Types.BIGINT);
                } else {
                    p.setLong(3, 1 + (i % companies)); // fixed up below once the ids are known
                }
                p.setString(4, company ? null : "Buyer");
                p.setString(5, "+33 1 00 00 " + String.format("%02d %02d", i / 100 % 100, i % 100));
                p.setString(6, company ? null : "+33 6 00 00 " + String.format("%02d %02d", i / 100 % 100, i % 100));
                p.setString(7, i + " rue de la Paix");
                p.setString(8, String.format("%05d", i % 100000));
                p.setString(9, "Lyon");
                p.setString(10, "France");
                p.setString(11, company ? "https://company" + i + ".example" : null);
                p.setString(12, i % 3 == 0 ? ",customer,vip," : ",prospect,");
                p.setString(13, i % 5 == 0 ? "Met at the fair in " + (2000 + i % 25) : null);
                p.addBatch();
                if (i % 1000 == 999 || i == companies - 1) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        try (Statement s = db.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT min(id) FROM partner");
            rs.next();
            companyBase = rs.getLong(1);
            // people belong to companies by position; the ids were assigned in insertion order
            s.executeUpdate("UPDATE partner SET company_id = company_id - 1 + " + companyBase + " WHERE kind = 'PERSON'");
            s.executeUpdate("INSERT INTO partner_email (partner_id, position, email, address) SELECT id, 0, 'p' || id || '@bench.example', "
                    + "'p' || id || '@bench.example' FROM partner");
            s.executeUpdate("INSERT INTO partner_change (partner_id) SELECT id FROM partner ORDER BY id");
        }
        db.commit();
        db.setAutoCommit(true);
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE partner");
            s.execute("VACUUM ANALYZE partner_email");
        }
        System.out.printf("%nLoaded %,d partners (%,d companies) in %.1f s%n", contacts, companies, (System.nanoTime() - t0) / 1e9);
        return companyBase;
    }

    private static final String ADDRESS_DATA = "<D:prop><D:getetag/><C:address-data/></D:prop>";

    /**
     * The request set of issue 5 against one server, {@code book} its path there. {@code radicaleCards} null:
     * Switchboard, edited through the CRM API; else Radicale, where the same edit is a PUT of the card with
     * one property changed (the PUT is not timed, as the PATCH is not).
     */
    private void measure(DavEndpoint e, String book, long firstId, Map<String, String> radicaleCards) throws Exception {
        StringBuilder hrefs = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            hrefs.append("<D:href>").append(book).append("switchboard-partner-").append(firstId + (long) i * (contacts / 100) - 1).append(".vcf</D:href>");
        }
        System.out.printf("%n%s, %,d cards, sequential requests after warm-up, Basic auth%s:%n%n", e.name, contacts,
                e.lenient ? ", each with a timeout" : "");
        DavEndpoint.header();
        int[] size = {0, 0};
        e.time("initial sync-collection with address-data", 3, Math.max(5, requests / 10), () -> {
            String answer = e.send("REPORT", book, "1", sync("", ADDRESS_DATA), 207);
            size[0] = answer.length();
            size[1] = answer.split("\\.vcf</", -1).length - 1;
            return answer;
        });
        System.out.printf("(answer: %,d characters, %,d cards)%n", size[0], size[1]);
        String[] token = {null};
        int[] edits = {0};
        String edit = radicaleCards == null ? "sync-collection with address-data after one CRM edit"
                : "sync-collection with address-data after one edit (PUT of the card: no CRM behind Radicale)";
        e.time(edit, 10, requests, () -> {
            if (token[0] == null) {
                token[0] = syncToken(e.send("REPORT", book, "1", sync("", "<D:prop><D:getetag/></D:prop>"), 207));
            }
            long id = firstId + (edits[0]++ * 7919L % contacts);
            String name = "switchboard-partner-" + id + ".vcf";
            if (radicaleCards == null) {
                String partner = e.send(admin, "GET", "/api/v1/partners/" + id, null, null, 200);
                Matcher v = Pattern.compile("\"version\":(\\d+)").matcher(partner);
                v.find();
                e.send(admin, "PATCH", "/api/v1/partners/" + id, "application/merge-patch+json",
                        "{\"notes\":\"edit " + edits[0] + "\",\"version\":" + v.group(1) + "}", 200);
            } else {
                String card = radicaleCards.get(name).replaceAll("X-BENCH-EDIT:[^\r]*\r\n", "")
                        .replace("END:VCARD", "X-BENCH-EDIT:" + edits[0] + "\r\nEND:VCARD");
                radicaleCards.put(name, card);
                e.send("PUT", book + name, "text/vcard; charset=utf-8", card, 201);
            }
            long start = System.nanoTime();
            String answer = e.send("REPORT", book, "1", sync(token[0], ADDRESS_DATA), 207);
            long elapsed = System.nanoTime() - start;
            if (!answer.contains(name)) {
                throw new IllegalStateException("the edited card is not in the sync answer: " + answer.substring(0, Math.min(300, answer.length())));
            }
            token[0] = syncToken(answer);
            return elapsed;
        });
        e.time("addressbook-multiget of 100 with address-data", 10, requests, () -> e.send("REPORT", book, "1",
                "<?xml version=\"1.0\"?><C:addressbook-multiget " + CARDDAV + ">" + ADDRESS_DATA + hrefs + "</C:addressbook-multiget>", 207));
    }

    private static String sync(String token, String prop) {
        return "<?xml version=\"1.0\"?><D:sync-collection " + CARDDAV + "><D:sync-token>" + token
                + "</D:sync-token><D:sync-level>1</D:sync-level>" + prop + "</D:sync-collection>";
    }

    private static String syncToken(String multistatus) {
        return DavRequests.syncToken(multistatus);
    }

}

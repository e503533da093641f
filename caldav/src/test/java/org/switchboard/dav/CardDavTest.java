package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CardDAV (RFC 6352): vCards stored byte for byte, address-data conversion, addressbook-query and multiget. */
class CardDavTest {
    static DavTestServer server;
    static final String BOOK = "/alice/contacts/";
    static final String CAROL = Ics.vcard4("carol-uid", "Carol Danvers", "carol@acme.example");
    static final String DAVE = Ics.vcard3("dave-uid", "Dave Lister", "dave@redd.example");

    @BeforeAll
    static void start() throws Exception {
        server = DavTestServer.standard();
        // Thunderbird: PUT <UID>.vcf without If-Match
        assertEquals(201, server.put(BOOK + "carol-uid.vcf", CAROL).statusCode());
        // Outlook CalDav Synchronizer: vCard 3.0, If-None-Match: *
        assertEquals(201, server.put(BOOK + "dave-uid.vcf", DAVE, "If-None-Match", "*").statusCode());
    }

    @AfterAll
    static void stop() throws Exception { server.close(); }

    static Set<String> names(String body) {
        Set<String> out = new TreeSet<>();
        for (String h : Ms.parse(body).responses().keySet()) out.add(h.substring(BOOK.length()));
        return out;
    }

    static String query(String test, String filters, String extra) {
        return "<C:addressbook-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"><D:prop><D:getetag/></D:prop>"
                + "<C:filter" + (test == null ? "" : " test=\"" + test + "\"") + ">" + filters + "</C:filter>" + extra + "</C:addressbook-query>";
    }

    @Test
    void getReturnsWhatWasPut() {
        HttpResponse<String> g = server.alice("GET", BOOK + "dave-uid.vcf", null);
        assertEquals(DAVE, g.body());
        assertTrue(g.headers().firstValue("Content-Type").orElseThrow().startsWith("text/vcard"));
        assertEquals(CAROL, server.alice("GET", BOOK + "carol-uid.vcf", null).body());
    }

    @Test
    void addressDataConversion() {
        String body = "<C:addressbook-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"><D:prop><D:getetag/>"
                + "<C:address-data content-type=\"text/vcard\" version=\"3.0\"/></D:prop><D:href>" + BOOK + "carol-uid.vcf</D:href>"
                + "<D:href>" + BOOK + "dave-uid.vcf</D:href></C:addressbook-multiget>";
        Ms ms = Ms.parse(server.alice("REPORT", BOOK, body, "Depth", "1").body());
        String carol3 = ms.get(BOOK + "carol-uid.vcf").text("address-data");
        assertTrue(carol3.contains("VERSION:3.0"), carol3);
        assertTrue(carol3.contains("X-CUSTOM1:keep me"), carol3);
        assertEquals(DAVE, ms.get(BOOK + "dave-uid.vcf").text("address-data"), "already 3.0: served as stored");
        String plain = body.replace(" content-type=\"text/vcard\" version=\"3.0\"", "");
        assertEquals(CAROL, Ms.parse(server.alice("REPORT", BOOK, plain, "Depth", "1").body()).get(BOOK + "carol-uid.vcf").text("address-data"));
        String four = body.replace("3.0", "4.0");
        assertTrue(Ms.parse(server.alice("REPORT", BOOK, four, "Depth", "1").body()).get(BOOK + "dave-uid.vcf").text("address-data").contains("VERSION:4.0"));
    }

    @Test
    void partialAddressData() {
        String body = "<C:addressbook-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"><D:prop>"
                + "<C:address-data><C:prop name=\"FN\"/><C:prop name=\"EMAIL\"/></C:address-data></D:prop><D:href>" + BOOK
                + "carol-uid.vcf</D:href></C:addressbook-multiget>";
        String v = Ms.parse(server.alice("REPORT", BOOK, body, "Depth", "1").body()).get(BOOK + "carol-uid.vcf").text("address-data");
        assertEquals("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Carol Danvers\r\nEMAIL;TYPE=work:carol@acme.example\r\nEND:VCARD\r\n", v);
    }

    @Test
    void multigetOnThePrincipalUrl() {
        // Outlook CalDav Synchronizer sends addressbook-multiget to the principal
        String body = "<C:addressbook-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"><D:prop><D:getetag/>"
                + "<C:address-data/></D:prop><D:href>" + BOOK + "dave-uid.vcf</D:href></C:addressbook-multiget>";
        HttpResponse<String> r = server.alice("REPORT", "/alice/", body, "Depth", "0");
        assertEquals(207, r.statusCode(), r.body());
        assertEquals(DAVE, Ms.parse(r.body()).get(BOOK + "dave-uid.vcf").text("address-data"));
    }

    @Test
    void addressbookQuery() {
        String email = "<C:prop-filter name=\"EMAIL\"><C:text-match collation=\"i;unicode-casemap\" match-type=\"contains\">ACME</C:text-match></C:prop-filter>";
        String fn = "<C:prop-filter name=\"FN\"><C:text-match match-type=\"starts-with\">dave</C:text-match></C:prop-filter>";
        assertEquals(Set.of("carol-uid.vcf"), names(server.alice("REPORT", BOOK, query(null, email, ""), "Depth", "1").body()));
        assertEquals(Set.of("carol-uid.vcf", "dave-uid.vcf"), names(server.alice("REPORT", BOOK, query("anyof", email + fn, ""), "Depth", "1").body()));
        assertTrue(names(server.alice("REPORT", BOOK, query("allof", email + fn, ""), "Depth", "1").body()).isEmpty());
        String equals = "<C:prop-filter name=\"FN\"><C:text-match match-type=\"equals\">Carol Danvers</C:text-match></C:prop-filter>";
        assertEquals(Set.of("carol-uid.vcf"), names(server.alice("REPORT", BOOK, query(null, equals, ""), "Depth", "1").body()));
        String notDefined = "<C:prop-filter name=\"X-CUSTOM1\"><C:is-not-defined/></C:prop-filter>";
        assertEquals(Set.of("dave-uid.vcf"), names(server.alice("REPORT", BOOK, query(null, notDefined, ""), "Depth", "1").body()));
        String param = "<C:prop-filter name=\"EMAIL\"><C:param-filter name=\"TYPE\"><C:text-match match-type=\"equals\">work</C:text-match></C:param-filter></C:prop-filter>";
        assertEquals(Set.of("carol-uid.vcf"), names(server.alice("REPORT", BOOK, query(null, param, ""), "Depth", "1").body()));
        String negate = "<C:prop-filter name=\"FN\"><C:text-match negate-condition=\"yes\">carol</C:text-match></C:prop-filter>";
        assertEquals(Set.of("dave-uid.vcf"), names(server.alice("REPORT", BOOK, query(null, negate, ""), "Depth", "1").body()));
        HttpResponse<String> limited = server.alice("REPORT", BOOK, query(null, "", "<C:limit><C:nresults>1</C:nresults></C:limit>"), "Depth", "1");
        Ms ms = Ms.parse(limited.body());
        assertEquals(2, ms.size());
        assertTrue(ms.get(BOOK).status().contains("507"));
    }

    @Test
    void uidConflictAndUpdates() {
        HttpResponse<String> r = server.put(BOOK + "other.vcf", Ics.vcard4("carol-uid", "Carol Again", "c2@acme.example"));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("no-uid-conflict"));
        String etag = server.alice("GET", BOOK + "dave-uid.vcf", null).headers().firstValue("ETag").orElseThrow();
        String dave2 = DAVE.replace("Dave Lister", "Dave Lister Jr");
        assertEquals(204, server.put(BOOK + "dave-uid.vcf", dave2, "If-Match", etag).statusCode());
        assertEquals(412, server.put(BOOK + "dave-uid.vcf", DAVE, "If-Match", etag).statusCode());
        assertEquals(204, server.put(BOOK + "dave-uid.vcf", DAVE).statusCode());
        assertFalse(server.alice("GET", BOOK + "dave-uid.vcf", null).body().contains("Jr"));
    }
}

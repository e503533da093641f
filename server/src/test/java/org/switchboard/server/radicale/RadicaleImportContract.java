package org.switchboard.server.radicale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.server.dav.DavHttp.text;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.dav.DavHttp;
import org.switchboard.server.testing.ApiClient;

/**
 * The Radicale import on a storage tree written the way Radicale 3 writes it (collection-root, a folder per
 * user and collection, .Radicale.props as JSON, one file per item, a .Radicale.cache to ignore), checked
 * over CalDAV and CardDAV as a client sees the result.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RadicaleImportContract {
    private static int sequence;

    @LocalServerPort
    int port;

    @Autowired
    RadicaleImport importer;

    @TempDir
    Path storage;

    String user;
    DavHttp dav;

    @BeforeEach
    void user() {
        user = "rad" + (++sequence) + System.nanoTime() % 100000;
        ApiClient admin = ApiClient.admin(port);
        admin.ok(201, admin.post("/api/v1/users", ApiClient.json(Map.of("username", user, "displayName", "Rita " + user,
                "email", user + "@example.com", "role", "SALESPERSON", "password", "pw-" + user + "-secret"))));
        dav = DavHttp.basic(port, user, "pw-" + user + "-secret");
    }

    static String event(String uid, String start, String summary, String rule) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Radicale test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20250101T000000Z\r\n"
                + "DTSTART:" + start + "\r\nDURATION:PT1H\r\nSUMMARY:" + summary + "\r\n" + (rule == null ? "" : "RRULE:" + rule + "\r\n")
                + "END:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    /** collection-root/&lt;user&gt;/work (calendar), /addresses (address book); ghost/ has no Switchboard user. */
    private Path radicaleTree() throws IOException {
        Path root = storage.resolve("collections/collection-root");
        Path work = Files.createDirectories(root.resolve(user).resolve("work"));
        write(work.resolve(".Radicale.props"), "{\"C:calendar-description\": \"Customer visits\", \"C:supported-calendar-component-set\": "
                + "\"VEVENT,VTODO\", \"D:displayname\": \"Work\", \"ICAL:calendar-color\": \"#ff8800ff\", \"tag\": \"VCALENDAR\"}");
        write(work.resolve("visit.ics"), event("visit-" + user, "20261103T090000Z", "Visit Acme", null));
        write(work.resolve("standup.ics"), event("standup-" + user, "20250106T080000Z", "Stand-up", "FREQ=WEEKLY;BYDAY=MO"));
        write(work.resolve("todo.ics"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VTODO\r\nUID:todo-" + user
                + "\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Call back\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
        write(work.resolve("broken.ics"), "BEGIN:VCALENDAR\r\nthis is not iCalendar\r\n");
        Files.createDirectories(work.resolve(".Radicale.cache/item"));
        write(work.resolve(".Radicale.cache/item/visit.ics"), "cache bytes, not an item");
        Path book = Files.createDirectories(root.resolve(user).resolve("addresses"));
        write(book.resolve(".Radicale.props"), "{\"CR:addressbook-description\": \"Old contacts\", \"D:displayname\": \"Addresses\", "
                + "\"tag\": \"VADDRESSBOOK\"}");
        write(book.resolve("anna.vcf"), "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:anna-" + user + "\r\nFN:Anna Schmidt\r\nN:Schmidt;Anna;;;\r\n"
                + "EMAIL:anna@acme.example\r\nEND:VCARD\r\n");
        Path ghost = Files.createDirectories(root.resolve("ghost-" + user).resolve("cal"));
        write(ghost.resolve(".Radicale.props"), "{\"tag\": \"VCALENDAR\"}");
        write(root.getParent().resolve(".Radicale.lock"), "");
        return storage.resolve("collections");
    }

    @Test
    void aRadicaleTreeBecomesTheUsersCalendarsAndAddressBooksAndARerunChangesOnlyWhatChanged() throws IOException {
        Path tree = radicaleTree();
        RadicaleImport.Report first = importer.importTree(tree);
        assertThat(first.created()).as(first.lines().toString()).isEqualTo(4);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(first.lines()).anyMatch(l -> l.contains("broken.ics") && l.contains("broken item"));
        assertThat(first.lines()).anyMatch(l -> l.startsWith("user ghost-" + user) && l.contains("skipped"));

        String work = "/dav/" + user + "/work/";
        String props = text(dav.xml("PROPFIND", work, "0", """
                <?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/">
                <d:prop><d:displayname/><d:resourcetype/><c:calendar-description/><a:calendar-color/><d:sync-token/></d:prop></d:propfind>"""));
        assertThat(props).contains("Work").contains("Customer visits").contains("#ff8800ff").contains("calendar");
        assertThat(text(dav.send("GET", work + "visit.ics", null))).isEqualTo(event("visit-" + user, "20261103T090000Z", "Visit Acme", null));
        String week = text(dav.xml("REPORT", work, "1", """
                <?xml version="1.0" encoding="utf-8"?>
                <C:calendar-query xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <prop><getetag/></prop>
                  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
                    <C:time-range start="20261109T000000Z" end="20261116T000000Z"/>
                  </C:comp-filter></C:comp-filter></C:filter>
                </C:calendar-query>"""));
        assertThat(week).as("the weekly stand-up's occurrences are indexed").contains(work + "standup.ics").doesNotContain("visit.ics");
        assertThat(dav.send("GET", work + "broken.ics", null).statusCode()).isEqualTo(404);
        assertThat(dav.send("GET", work + ".Radicale.cache", null).statusCode()).isEqualTo(404);

        String book = "/dav/" + user + "/addresses/";
        assertThat(text(dav.xml("PROPFIND", book, "0", """
                <?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:displayname/><d:resourcetype/></d:prop></d:propfind>""")))
                .contains("Addresses").contains("addressbook");
        assertThat(text(dav.send("GET", book + "anna.vcf", null))).contains("FN:Anna Schmidt");

        // again, unchanged: nothing is written, the sync token stays
        String token = syncToken(work);
        RadicaleImport.Report again = importer.importTree(tree);
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(syncToken(work)).isEqualTo(token);

        // the visit moved in Radicale meanwhile: the re-run replaces it (same UID, same URL, new ETag)
        String etag = dav.send("GET", work + "visit.ics", null).headers().firstValue("ETag").orElseThrow();
        write(tree.resolve("collection-root").resolve(user).resolve("work/visit.ics"), event("visit-" + user, "20261104T090000Z", "Visit Acme", null));
        RadicaleImport.Report third = importer.importTree(tree);
        assertThat(third.updated()).isEqualTo(1);
        HttpResponse<byte[]> moved = dav.send("GET", work + "visit.ics", null);
        assertThat(text(moved)).contains("DTSTART:20261104T090000Z");
        assertThat(moved.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(syncToken(work)).isNotEqualTo(token);
    }

    @Test
    void anythingButAFolderIsRefused() throws IOException {
        Path file = Files.writeString(storage.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> importer.importTree(file)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCommandLineRunsTheImportOnALoopbackPortWithoutMail() {
        String[] args = {"--switchboard.import.radicale=/srv/radicale/collections"};
        assertThat(RadicaleImportCommand.requested(args)).isTrue();
        assertThat(RadicaleImportCommand.requested(new String[] {"--switchboard.demo=true"})).isEqualTo(System.getenv("SWITCHBOARD_IMPORT_RADICALE") != null);
        assertThat(RadicaleImportCommand.importArguments(args)).contains("--server.port=0", "--server.address=127.0.0.1",
                "--switchboard.mail.enabled=false");
    }

    private String syncToken(String collection) {
        String xml = text(dav.xml("PROPFIND", collection, "0",
                "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:sync-token/></d:prop></d:propfind>"));
        int start = xml.indexOf("sync-token>") + "sync-token>".length();
        return xml.substring(start, xml.indexOf('<', start));
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}

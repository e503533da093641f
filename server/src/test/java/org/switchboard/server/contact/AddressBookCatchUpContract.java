package org.switchboard.server.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.server.dav.DavHttp;
import org.switchboard.server.dav.DavTestUsers;
import org.switchboard.server.storage.BulkWrites;
import org.switchboard.server.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The CRM address book catches up in the background (ADR 0014): not while an import is writing, and after
 * an Outlook CSV import of more partners than one batch the {@code partner_change} queue empties without any
 * CardDAV request, and a client's sync
 * from the token it held before the import then lists exactly the imported partners' cards, with a new token
 * that has nothing after it. The subclasses shorten {@code switchboard.contacts.catch-up-interval}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AddressBookCatchUpContract {
    static final String INTERVAL = "PT0.2S";
    private static final int PEOPLE = 1200;
    private static final int COMPANIES = 12;
    private static final Pattern HREF = Pattern.compile("<(?:\\w+:)?href>([^<]+)</");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BulkWrites bulkWrites;

    @Test
    void anImportIsRenderedInTheBackgroundAndASyncFromBeforeItListsExactlyItsCards() throws Exception {
        String user = DavTestUsers.create(port, "bulk" + System.nanoTime() % 100000, "Bulk User", "#3465a4");
        DavHttp dav = DavHttp.basic(port, user, DavTestUsers.password(user));
        String book = "/dav/" + user + "/crm-contacts/";
        String before = DavHttp.element(DavHttp.text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(""))), "sync-token");

        String tag = "b" + System.nanoTime() % 100000;
        StringBuilder csv = new StringBuilder("\"First Name\",\"Last Name\",\"Company\",\"E-mail Address\"\r\n");
        for (int i = 0; i < PEOPLE; i++) {
            csv.append("\"Pat\",\"Number").append(i).append(' ').append(tag).append("\",\"Bulk ").append(i % COMPANIES).append(' ').append(tag)
                    .append("\",\"pat").append(i).append('.').append(tag).append("@bulk.example\"\r\n");
        }
        ApiClient admin = ApiClient.admin(port);
        // while an import is writing (as a call-list import marks itself), the job leaves the queue alone
        BulkWrites.Running importing = bulkWrites.begin();
        JsonNode imported = admin.ok(200, admin.send("POST", "/api/v1/partners/import/outlook", csv.toString().getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/csv"));
        assertThat(imported.get("created").asInt()).isEqualTo(PEOPLE);
        Thread.sleep(2_000); // ten intervals
        assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_change").query(Integer.class).single())
                .as("nothing rendered during the import").isEqualTo(PEOPLE + COMPANIES);
        importing.close();

        // no DAV request from here until the queue is empty: only the background job can empty it
        long deadline = System.nanoTime() + 120_000_000_000L;
        int queued;
        while ((queued = jdbc.sql("SELECT COUNT(*) FROM partner_change").query(Integer.class).single()) > 0) {
            assertThat(System.nanoTime()).as("partner_change still holds " + queued + " rows").isLessThan(deadline);
            Thread.sleep(100);
        }
        int cards = jdbc.sql("SELECT COUNT(*) FROM partner_card c JOIN partner p ON p.id = c.partner_id WHERE p.name LIKE ?")
                .param("% " + tag).query(Integer.class).single();
        assertThat(cards).isEqualTo(PEOPLE + COMPANIES);

        String answer = DavHttp.text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(before)));
        Set<String> hrefs = new HashSet<>();
        int members = 0;
        for (Matcher m = HREF.matcher(answer); m.find(); members++) {
            hrefs.add(m.group(1));
        }
        Set<String> expected = new HashSet<>();
        jdbc.sql("SELECT c.object_name FROM partner_card c JOIN partner p ON p.id = c.partner_id WHERE p.name LIKE ?").param("% " + tag)
                .query(String.class).list().forEach(name -> expected.add(book + name));
        assertThat(members).as("each card once").isEqualTo(expected.size());
        assertThat(hrefs).isEqualTo(expected);
        String after = DavHttp.element(answer, "sync-token");
        assertThat(after).isNotEqualTo(before);
        String next = DavHttp.text(dav.xml("REPORT", book, "1", DavHttp.syncCollection(after)));
        assertThat(HREF.matcher(next).find()).as(next).isFalse();
        assertThat(DavHttp.element(next, "sync-token")).isEqualTo(after);
    }
}

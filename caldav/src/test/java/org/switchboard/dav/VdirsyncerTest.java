package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second real client: Debian's {@code vdirsyncer} syncing an address book and a calendar two ways
 * between the engine and local folders. Skipped (with a message) when {@code vdirsyncer} is not
 * installed: CI installs the package {@code vdirsyncer}.
 */
class VdirsyncerTest {
    static final String VDIRSYNCER = "/usr/bin/vdirsyncer";
    static DavTestServer server;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(new File(VDIRSYNCER).canExecute(),
                "vdirsyncer is not installed (apt-get install vdirsyncer); skipping the two-way sync test");
        server = DavTestServer.standard();
        dir = Files.createTempDirectory("vdirsyncer");
        String config = "[general]\nstatus_path = \"" + dir.resolve("status") + "/\"\n\n"
                + pair("contacts", "carddav", ".vcf") + pair("calendars", "caldav", ".ics");
        Files.writeString(dir.resolve("config"), config);
    }

    static String pair(String name, String type, String ext) {
        return "[pair " + name + "]\na = \"" + name + "_local\"\nb = \"" + name + "_remote\"\ncollections = [\"from b\"]\n"
                + "conflict_resolution = \"b wins\"\n\n"
                + "[storage " + name + "_local]\ntype = \"filesystem\"\npath = \"" + dir.resolve(name) + "/\"\nfileext = \"" + ext + "\"\n\n"
                + "[storage " + name + "_remote]\ntype = \"" + type + "\"\nurl = \"" + server.url("/") + "\"\n"
                + "username = \"alice\"\npassword = \"" + DavTestServer.PASSWORD + "\"\n\n";
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(VDIRSYNCER, "-c", dir.resolve("config").toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "run", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().write("y\ny\ny\ny\ny\ny\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String out = Files.readString(log);
        System.out.println("$ vdirsyncer " + String.join(" ", args) + "\n" + out);
        assertTrue(done, "vdirsyncer timed out:\n" + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    static List<Path> files(String collection) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(collection))) {
            return s.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    @Test
    void twoWaySyncOfContactsAndCalendar() throws Exception {
        assertEquals(201, server.put("/alice/contacts/carol-uid.vcf", Ics.vcard4("carol-uid", "Carol Danvers", "carol@acme.example")).statusCode());
        assertEquals(201, server.put("/alice/contacts/dave-uid.vcf", Ics.vcard3("dave-uid", "Dave Lister", "dave@redd.example")).statusCode());
        assertEquals(201, server.put("/alice/calendar/weekly.ics", Ics.weekly("weekly@example.com")).statusCode());
        run("discover");
        run("sync");
        Path book = dir.resolve("contacts").resolve("contacts");
        List<Path> cards = files("contacts/contacts");
        assertEquals(2, cards.size(), cards.toString());
        assertEquals(1, files("calendars/calendar").size());

        // local changes travel to the server byte for byte
        String erin = Ics.vcard4("erin-uid", "Erin Example", "erin@example.org");
        Files.writeString(book.resolve("erin-uid.vcf"), erin);
        Path carolFile = cards.stream().filter(f -> f.toString().contains("carol")).findFirst().orElseThrow();
        String carol2 = Files.readString(carolFile).replace("Carol Danvers", "Carol Danvers-Rambeau");
        Files.writeString(carolFile, carol2);
        run("sync");
        assertEquals(erin, server.alice("GET", "/alice/contacts/erin-uid.vcf", null).body());
        assertEquals(carol2, server.alice("GET", "/alice/contacts/" + carolFile.getFileName(), null).body());

        // a server-side delete and a server-side change reach the folder
        assertEquals(204, server.alice("DELETE", "/alice/contacts/dave-uid.vcf", null).statusCode());
        String weekly2 = Ics.weekly("weekly@example.com").replace("Weekly pipeline review", "Weekly pipeline review (new room)");
        assertEquals(204, server.put("/alice/calendar/weekly.ics", weekly2).statusCode());
        run("sync");
        List<Path> after = files("contacts/contacts");
        assertEquals(2, after.size(), after.toString());
        assertFalse(after.stream().anyMatch(f -> f.toString().contains("dave")));
        assertEquals(weekly2, Files.readString(files("calendars/calendar").get(0)));
    }
}

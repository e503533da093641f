package org.switchboard.server.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.server.dav.DavHttp.event;
import static org.switchboard.server.dav.DavHttp.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Real CalDAV clients from Debian against the running server: python3-caldav (discovery from the root
 * well-known URL, create, a date search over a weekly event that started before the range, edit, sync
 * tokens, delete) and vdirsyncer (two-way sync of the personal and company calendars). Runs on H2 and on
 * PostgreSQL (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DavRealClientsContract {
    private static int sequence;

    @LocalServerPort
    int port;

    private String newUser(String prefix) {
        String name = prefix + (++sequence) + System.nanoTime() % 100000;
        return DavTestUsers.create(port, name, prefix.toUpperCase() + " " + sequence, "#3465a4");
    }

    @Test
    void pythonCaldavDiscoversSearchesEditsSyncsAndDeletes() throws Exception {
        RealClients.require(RealClients.pythonCaldav(), "python3-caldav");
        String user = newUser("py");
        Path dir = Files.createTempDirectory("python-caldav");
        Path script = dir.resolve("client.py");
        Files.writeString(script, PythonCaldavScript.TEXT);
        String out = RealClients.run(dir, List.of(RealClients.PYTHON, script.toString(), "http://localhost:" + port, user,
                DavTestUsers.password(user)));
        assertThat(out).contains("OK");
    }

    @Test
    void vdirsyncerSyncsTwoWays() throws Exception {
        RealClients.require(RealClients.vdirsyncer(), "vdirsyncer");
        String user = newUser("vdir");
        DavHttp dav = DavHttp.basic(port, user, DavTestUsers.password(user));
        String cal = "/dav/" + user + "/calendar/";
        String weekly = event("weekly-" + user, "20250106T080000Z", "Weekly pipeline review", "FREQ=WEEKLY;BYDAY=MO");
        assertThat(dav.put(cal + "weekly.ics", weekly).statusCode()).isEqualTo(201);
        assertThat(dav.put(cal + "gone.ics", event("gone-" + user, "20261104T140000Z", "Soon gone", null)).statusCode()).isEqualTo(201);
        String shared = "/dav/company/meetings/" + user + ".ics";
        assertThat(dav.put(shared, event("company-" + user, "20261105T090000Z", "All hands", null)).statusCode()).isEqualTo(201);

        Path dir = Files.createTempDirectory("vdirsyncer");
        Files.writeString(dir.resolve("config"), "[general]\nstatus_path = \"" + dir.resolve("status") + "/\"\n\n"
                + "[pair cal]\na = \"local\"\nb = \"remote\"\ncollections = [\"from b\"]\nconflict_resolution = \"b wins\"\n\n"
                + "[storage local]\ntype = \"filesystem\"\npath = \"" + dir.resolve("calendars") + "/\"\nfileext = \".ics\"\n\n"
                + "[storage remote]\ntype = \"caldav\"\nurl = \"http://localhost:" + port + "/dav/\"\n"
                + "username = \"" + user + "\"\npassword = \"" + DavTestUsers.password(user) + "\"\n");
        List<String> vdirsyncer = List.of(RealClients.VDIRSYNCER, "-c", dir.resolve("config").toString());
        RealClients.run(dir, concat(vdirsyncer, "discover"));
        RealClients.run(dir, concat(vdirsyncer, "sync"));
        Path personal = dir.resolve("calendars").resolve("calendar");
        assertThat(files(personal)).hasSize(2);
        assertThat(files(dir.resolve("calendars").resolve("meetings")).stream().map(RealClients::read))
                .anyMatch(s -> s.contains("All hands"));

        // a local new event reaches the server byte for byte
        String local = event("local-" + user, "20261110T100000Z", "Written offline", null);
        Files.writeString(personal.resolve("local-" + user + ".ics"), local);
        RealClients.run(dir, concat(vdirsyncer, "sync"));
        assertThat(text(dav.send("GET", cal + "local-" + user + ".ics", null))).isEqualTo(local);

        // a server-side delete and edit reach the folder
        assertThat(dav.send("DELETE", cal + "gone.ics", null).statusCode()).isEqualTo(204);
        String weekly2 = weekly.replace("Weekly pipeline review", "Weekly pipeline review (new room)");
        assertThat(dav.put(cal + "weekly.ics", weekly2).statusCode()).isEqualTo(204);
        RealClients.run(dir, concat(vdirsyncer, "sync"));
        List<String> after = files(personal).stream().map(RealClients::read).toList();
        assertThat(after).hasSize(2).contains(weekly2, local).noneMatch(s -> s.contains("Soon gone"));
    }

    private static List<String> concat(List<String> command, String arg) {
        List<String> all = new ArrayList<>(command);
        all.add(arg);
        return all;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}

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
 * tokens, delete) and vdirsyncer (two-way sync of the personal and company calendars) with khal on the synced
 * folder (it lists the server's events, and one it creates reaches the server). Runs on H2 and on
 * PostgreSQL (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DavRealClientsContract {

    @LocalServerPort
    int port;

    @Test
    void pythonCaldavDiscoversSearchesEditsSyncsAndDeletes() throws Exception {
        RealClients.require(RealClients.pythonCaldav(), "python3-caldav");
        String user = DavTestUsers.unique(port, "py");
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
        String user = DavTestUsers.unique(port, "vdir");
        DavHttp dav = DavHttp.basic(port, user, DavTestUsers.password(user));
        String cal = "/dav/" + user + "/calendar/";
        String weekly = event("weekly-" + user, "20250106T080000Z", "Weekly pipeline review", "FREQ=WEEKLY;BYDAY=MO");
        assertThat(dav.put(cal + "weekly.ics", weekly).statusCode()).isEqualTo(201);
        assertThat(dav.put(cal + "gone.ics", event("gone-" + user, "20261104T140000Z", "Soon gone", null)).statusCode()).isEqualTo(201);
        String shared = "/dav/company/meetings/" + user + ".ics";
        assertThat(dav.put(shared, event("company-" + user, "20261105T090000Z", "All hands", null)).statusCode()).isEqualTo(201);

        // a plain WebDAV collection in her home (ADR 0017) is no calendar: discovery must pass it by
        assertThat(dav.send("MKCOL", "/dav/" + user + "/files/", null).statusCode()).isEqualTo(201);

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
        assertThat(dir.resolve("calendars").resolve("files")).doesNotExist();
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

        RealClients.require(RealClients.khal(), "khal");
        // khal on the synced folder: it shows what the server holds, and what it creates reaches the server
        Khal khal = new Khal(dir, personal);
        assertThat(khal.list("2026-11-02", "10d")).contains("2026-11-02 08:00 2026-11-02 09:00 Weekly pipeline review (new room)",
                "2026-11-09 08:00 2026-11-09 09:00 Weekly pipeline review (new room)",
                "2026-11-10 10:00 2026-11-10 11:00 Written offline").noneMatch(l -> l.contains("Soon gone"));
        khal.run("new", "-a", "personal", "2026-11-12", "10:00", "11:30", "Planned in khal");
        assertThat(files(personal)).hasSize(3);
        RealClients.run(dir, concat(vdirsyncer, "sync"));
        String query = "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop><c:calendar-data/></d:prop>"
                + "<c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VEVENT\">"
                + "<c:time-range start=\"20261112T000000Z\" end=\"20261113T000000Z\"/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>";
        String found = text(dav.xml("REPORT", cal, "1", query));
        assertThat(found).contains("SUMMARY:Planned in khal");
        // and the server reads it as khal meant it: 10:00 to 11:30 UTC (a query for 11:30–12:00 misses it)
        assertThat(text(dav.xml("REPORT", cal, "1", query.replace("20261112T000000Z", "20261112T113000Z")
                .replace("20261113T000000Z", "20261112T120000Z")))).doesNotContain("Planned in khal");
        assertThat(text(dav.xml("REPORT", cal, "1", query.replace("20261112T000000Z", "20261112T112900Z")
                .replace("20261113T000000Z", "20261112T120000Z")))).contains("Planned in khal");
    }

    /**
     * Debian's khal (0.10) on a vdirsyncer folder, with its own configuration, cache and a fixed locale and
     * time zone (UTC), so what it prints and writes does not depend on the machine.
     */
    private static final class Khal {
        private final Path dir;
        private final Path config;
        private final java.util.Map<String, String> env;

        Khal(Path dir, Path calendar) throws IOException {
            this.dir = dir;
            this.config = dir.resolve("khal.conf");
            Files.writeString(config, "[calendars]\n[[personal]]\npath = " + calendar + "/\ntype = calendar\n\n"
                    + "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
                    + "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
                    + "local_timezone = UTC\ndefault_timezone = UTC\nfirstweekday = 0\n\n"
                    + "[default]\ndefault_calendar = personal\n");
            this.env = java.util.Map.of("XDG_DATA_HOME", dir.resolve("khal-data").toString(), "XDG_CONFIG_HOME",
                    dir.resolve("khal-config").toString(), "LC_ALL", "C.UTF-8", "LANG", "C.UTF-8", "TZ", "UTC");
        }

        String run(String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of(RealClients.KHAL, "-c", config.toString()));
            cmd.addAll(List.of(args));
            return RealClients.run(dir, cmd, env);
        }

        /** The events from {@code from} for {@code range}, one "start end title" line each. */
        List<String> list(String from, String range) throws IOException, InterruptedException {
            return run("list", "--format", "{start} {end} {title}", "--day-format", "", from, range).lines()
                    .filter(l -> !l.isBlank()).toList();
        }
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

package org.switchboard.server.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.dav.DavTestUsers;
import org.switchboard.server.dav.RealClients;
import org.switchboard.server.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The CRM address book with real clients from Debian: vdirsyncer syncs it to a local folder, khard edits and
 * creates contacts there, vdirsyncer brings them back, and the partners change; a CRM edit reaches the
 * folder at the next sync. Skipped without the tools unless SWITCHBOARD_TEST_CLIENTS=required (CI).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CrmAddressBookClientsContract {
    static final String KHARD = "/usr/bin/khard";

    @LocalServerPort
    int port;

    @Test
    void vdirsyncerAndKhardEditTheCrmBothWays() throws Exception {
        RealClients.require(RealClients.vdirsyncer() && new File(KHARD).canExecute(), "vdirsyncer and khard");
        ApiClient admin = ApiClient.admin(port);
        String user = DavTestUsers.create(port, "khard" + System.nanoTime() % 100000, "Khard User", "#3465a4");
        long acme = admin.ok(201, admin.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name", "Khard Acme"))))
                .get("id").asLong();
        JsonNode anna = admin.ok(201, admin.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name", "Annabel Khardt",
                "companyId", acme, "emails", List.of("annabel@khard-acme.example"), "notes", "first note"))));
        long annaId = anna.get("id").asLong();

        Path dir = Files.createTempDirectory("khard");
        Path contacts = dir.resolve("contacts");
        Files.writeString(dir.resolve("config"), "[general]\nstatus_path = \"" + dir.resolve("status") + "/\"\n\n"
                + "[pair contacts]\na = \"local\"\nb = \"remote\"\ncollections = [\"crm-contacts\"]\n\n"
                + "[storage local]\ntype = \"filesystem\"\npath = \"" + contacts + "/\"\nfileext = \".vcf\"\n\n"
                + "[storage remote]\ntype = \"carddav\"\nurl = \"http://localhost:" + port + "/dav/\"\n"
                + "username = \"" + user + "\"\npassword = \"" + DavTestUsers.password(user) + "\"\n");
        Path book = contacts.resolve("crm-contacts");
        Files.writeString(dir.resolve("khard.conf"), "[addressbooks]\n[[crm]]\npath = " + book + "\n[general]\n"
                + "default_action = list\neditor = /bin/true\nmerge_editor = /bin/true\n[vcard]\npreferred_version = 3.0\n");
        List<String> vdirsyncer = List.of(RealClients.VDIRSYNCER, "-c", dir.resolve("config").toString());
        List<String> khard = List.of(KHARD, "-c", dir.resolve("khard.conf").toString());
        RealClients.run(dir, with(vdirsyncer, "discover"));
        RealClients.run(dir, with(vdirsyncer, "sync"));
        assertThat(RealClients.run(dir, with(khard, "list"))).contains("Annabel Khardt", "Khard Acme");

        // khard edits the note and adds a phone; vdirsyncer sends the file; the partner follows with a history entry
        Path yaml = dir.resolve("anna.yaml");
        String shown = RealClients.run(dir, with(khard, "show", "--format", "yaml", "Annabel"));
        Files.writeString(yaml, khardYaml(shown).replace("Note: first note", "Note: changed in khard")
                .replaceFirst("(?m)^    cell:\\s*$", "    cell: +33 6 99 88 77 66"));
        RealClients.run(dir, with(khard, "edit", "-i", yaml.toString(), "Annabel"));
        RealClients.run(dir, with(vdirsyncer, "sync"));
        JsonNode after = admin.ok(200, admin.get("/api/v1/partners/" + annaId));
        assertThat(after.get("notes").asString()).isEqualTo("changed in khard");
        assertThat(after.get("mobile").asString()).isEqualTo("+33 6 99 88 77 66");
        assertThat(admin.ok(200, admin.get("/api/v1/partners/" + annaId + "/events")).get("items").get(0).get("summary").asString())
                .isEqualTo("Changed from vdirsyncer");

        // a contact made in khard becomes a partner of the company named in its organisation
        Path newYaml = dir.resolve("new.yaml");
        Files.writeString(newYaml, "First name: Carla\nLast name: Neukhard\nOrganisation: Khard Acme\nEmail:\n    work: carla@khard-acme.example\n");
        RealClients.run(dir, with(khard, "new", "-a", "crm", "--vcard-version", "3.0", "-i", newYaml.toString()));
        RealClients.run(dir, with(vdirsyncer, "sync"));
        assertThat(admin.ok(200, admin.get("/api/v1/partners/" + acme + "/contacts")).toString())
                .contains("Carla Neukhard", "carla@khard-acme.example");

        // a CRM edit reaches the folder, and khard shows it
        admin.ok(200, admin.patch("/api/v1/partners/" + annaId, "{\"jobTitle\":\"Head of purchasing\"}", "\"" + after.get("version").asInt() + "\""));
        RealClients.run(dir, with(vdirsyncer, "sync"));
        assertThat(files(book).stream().map(RealClients::read)).anyMatch(s -> s.contains("TITLE:Head of purchasing")
                && s.contains("NOTE:changed in khard"));
        assertThat(RealClients.run(dir, with(khard, "show", "Annabel"))).contains("Head of purchasing");
    }

    /** khard's YAML from `khard show --format yaml`, without the command echo. */
    private static String khardYaml(String output) {
        int start = output.indexOf("Formatted name:");
        return start < 0 ? output : output.substring(start);
    }

    private static List<String> with(List<String> command, String... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return all;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".vcf")).sorted().toList();
        }
    }
}

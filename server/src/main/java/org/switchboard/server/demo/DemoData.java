package org.switchboard.server.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.switchboard.server.opportunity.OpportunityDraft;
import org.switchboard.server.opportunity.OpportunityService;
import org.switchboard.server.partner.PartnerDraft;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.team.Stage;
import org.switchboard.server.team.TeamRepository;
import org.switchboard.server.user.Role;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeds a believable sales organisation once (teams, users, ~50 companies with contacts, ~200 leads and
 * opportunities across stages and states, with history written through the same service as real
 * changes), then prints the demo logins. Deterministic: the same seed gives the same dataset.
 */
@Component
@Order(2)
@ConditionalOnProperty(name = "switchboard.demo", havingValue = "true")
public class DemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String[] PREFIX = {"Agri", "Alpha", "Blue", "Bright", "Cedar", "Delta", "Euro", "Falcon", "Green", "Harbor",
        "Iron", "Juniper", "Kestrel", "Lumen", "Maple", "Nordic", "Orbit", "Pioneer", "Quartz", "River", "Summit", "Terra", "Union",
        "Vertex", "Willow"};
    private static final String[] SUFFIX = {"Logistics", "Foods", "Systems", "Pharma", "Textiles", "Energy", "Builders", "Media",
        "Robotics", "Wines", "Optics", "Furniture"};
    private static final String[] FORM = {"Ltd", "SA", "GmbH", "BV", "Inc", "SARL"};
    private static final String[] FIRST = {"Anna", "Bruno", "Chloé", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
        "Katrin", "Lucas", "Maya", "Nils", "Olivia", "Pablo", "Rosa", "Sven", "Tara", "Yusuf"};
    private static final String[] LAST = {"Martin", "Schmidt", "Rossi", "Dubois", "Jansen", "Novak", "García", "Andersen", "Keller",
        "Moreau", "Costa", "Weber", "Peeters", "Silva", "Larsen"};
    private static final String[] CITY = {"Brussels", "Lyon", "Hamburg", "Rotterdam", "Milan", "Porto", "Gothenburg", "Ghent", "Basel"};
    private static final String[] WHAT = {"ERP rollout", "Annual maintenance", "Warehouse scanners", "Training days", "Cloud migration",
        "Support contract", "Website redesign", "Fleet tracking", "POS terminals", "Data platform", "Licence renewal", "Consulting"};
    private static final String[] NEXT = {"Call back", "Send proposal", "Demo on site", "Follow up by email", "Price negotiation"};

    private final UserRepository users;
    private final TeamRepository teams;
    private final PartnerRepository partners;
    private final OpportunityService cases;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final DemoPassword password;
    private final String adminUsername;
    private final boolean adminPasswordConfigured;

    public DemoData(UserRepository users, TeamRepository teams, PartnerRepository partners, OpportunityService cases, JdbcClient jdbc,
            PasswordEncoder encoder, DemoPassword password, @Value("${switchboard.admin.username:admin}") String adminUsername,
            @Value("${switchboard.admin.password:}") String adminPassword) {
        this.users = users;
        this.teams = teams;
        this.partners = partners;
        this.cases = cases;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.password = password;
        this.adminUsername = adminUsername;
        this.adminPasswordConfigured = adminPassword != null && !adminPassword.isBlank();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.findByUsername("maria").isEmpty()) {
            seed(new Random(42));
        }
        // Demo logins share one password, generated at each start and printed here once.
        String hash = encoder.encode(password.value());
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username IN ('maria', 'sam', 'sofia', 'tom', 'olga')").param(hash).update();
        if (!adminPasswordConfigured) {
            jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username = ?").params(hash, adminUsername).update();
        }
        log.info("""

                ==============================================================
                 Switchboard demo is ready. Log in with any of these users:
                   {} (administrator), maria (sales manager),
                   sam, sofia, tom (salespeople), olga (call-centre operator)
                 Password for all of them, valid until the next restart:
                   {}
                ==============================================================""",
                adminUsername, adminPasswordConfigured ? "(the administrator keeps the configured password) " + password.value()
                        : password.value());
    }

    private void seed(Random random) {
        long maria = user("maria", "Maria Lopez", Role.SALES_MANAGER, "#8f5902");
        long sam = user("sam", "Sam Carter", Role.SALESPERSON, "#4e9a06");
        long sofia = user("sofia", "Sofia Berg", Role.SALESPERSON, "#c4a000");
        long tom = user("tom", "Tom Reyes", Role.SALESPERSON, "#75507b");
        user("olga", "Olga Ivanova", Role.OPERATOR, "#cc0000");
        long direct = teams.insert("Direct Sales", maria, List.of(maria, sam, sofia));
        long channel = teams.insert("Channel Partners", maria, List.of(maria, tom));
        String[] stageNames = {"New", "Qualification", "Proposition", "Negotiation"};
        int[] probabilities = {10, 20, 40, 70};
        for (int i = 0; i < stageNames.length; i++) {
            teams.insertStage(null, stageNames[i], (i + 1) * 10, new BigDecimal(probabilities[i]));
        }
        List<Stage> stages = teams.stages();
        long[] sellers = {sam, sofia, tom, maria};

        List<long[]> companies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = PREFIX[i % PREFIX.length] + " " + SUFFIX[(i * 7) % SUFFIX.length] + " " + FORM[i % FORM.length];
            String domain = name.toLowerCase().replace(" ", "").replaceAll("(ltd|sa|gmbh|bv|inc|sarl)$", "") + ".example";
            PartnerDraft company = PartnerDraft.company(name);
            company.apply(json().put("city", CITY[i % CITY.length]).put("website", "https://www." + domain)
                    .put("phone", "+32 2 555 " + String.format("%02d %02d", i, (i * 13) % 100)));
            long companyId = partners.insert(company);
            int contacts = 1 + random.nextInt(3);
            for (int c = 0; c < contacts; c++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                PartnerDraft person = PartnerDraft.person(first + " " + last, companyId,
                        (first + "." + last).toLowerCase().replace("é", "e").replace("í", "i") + "@" + domain,
                        "+32 470 " + (100000 + random.nextInt(899999)));
                long contactId = partners.insert(person);
                companies.add(new long[] {companyId, contactId});
            }
        }

        for (int i = 0; i < 200; i++) {
            long[] pick = companies.get(random.nextInt(companies.size()));
            long seller = sellers[random.nextInt(sellers.length)];
            User owner = users.find(seller).orElseThrow();
            SwitchboardUser actor = SwitchboardUser.of(owner, null);
            boolean lead = i % 5 == 0;
            ObjectNode body = json().put("type", lead ? "LEAD" : "OPPORTUNITY")
                    .put("name", WHAT[random.nextInt(WHAT.length)] + " " + (2026 + random.nextInt(2)))
                    .put("teamId", seller == tom ? channel : direct)
                    .put("expectedRevenue", 1000 * (1 + random.nextInt(120)))
                    .put("priority", random.nextInt(4));
            if (lead) {
                String first = FIRST[random.nextInt(FIRST.length)];
                body.put("contactName", first + " " + LAST[random.nextInt(LAST.length)])
                        .put("partnerName", PREFIX[random.nextInt(PREFIX.length)] + " Trading")
                        .put("email", first.toLowerCase().replace("é", "e") + "@prospect" + i + ".example");
            } else {
                body.put("partnerId", pick[1]);
                body.put("nextAction", NEXT[random.nextInt(NEXT.length)])
                        .put("nextActionDate", LocalDate.now().plusDays(random.nextInt(30) - 5).toString())
                        .put("expectedClosing", LocalDate.now().plusDays(15 + random.nextInt(120)).toString());
            }
            if (i % 7 == 3) {
                body.putNull("responsibleId");
            } else {
                body.put("responsibleId", seller);
            }
            var created = cases.create(actor, new OpportunityDraft().apply(body));
            if (lead) {
                continue;
            }
            SwitchboardUser manager = SwitchboardUser.of(users.find(maria).orElseThrow(), null);
            int steps = random.nextInt(stages.size());
            var current = created;
            for (int s = 1; s <= steps; s++) {
                current = cases.update(manager, current.id(), draft(current, json().put("stageId", stages.get(s).id()).put("state", "OPEN")),
                        org.switchboard.server.api.Versions.claimed(null, current.version()));
            }
            if (random.nextInt(4) == 0) {
                cases.addNote(manager, current.id(), "Spoke with " + current.contactName() + ": " + NEXT[random.nextInt(NEXT.length)].toLowerCase() + ".");
            }
            int fate = random.nextInt(10);
            if (fate == 0 || fate == 1) {
                ObjectNode close = json().put("state", fate == 0 ? "WON" : "LOST");
                if (fate == 1) {
                    close.put("lostReason", "Too expensive");
                }
                cases.update(manager, current.id(), draft(current, close), org.switchboard.server.api.Versions.claimed(null, current.version()));
            }
        }
        log.info("Seeded the demo dataset: 2 teams, 6 users, 50 companies, 200 cases");
    }

    private OpportunityDraft draft(org.switchboard.server.opportunity.Opportunity current, ObjectNode patch) {
        return OpportunityDraft.of(current).apply(patch);
    }

    private long user(String username, String name, Role role, String color) {
        return users.insert(username, name, username + "@switchboard.example", role, color, null);
    }

    private static ObjectNode json() {
        return JsonNodeFactory.instance.objectNode();
    }
}

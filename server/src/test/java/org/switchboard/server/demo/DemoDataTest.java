package org.switchboard.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/** The README's run command: demo mode seeds a dataset a newcomer can click through, with printed logins. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "switchboard.demo=true")
class DemoDataTest {
    @LocalServerPort
    int port;

    @Autowired
    DemoPassword password;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:demo;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        // No administrator password configured: demo mode generates the one it prints.
        registry.add("switchboard.admin.password", () -> "");
    }

    @Test
    void demoUsersLogInWithTheGeneratedPasswordAndSeeAPipeline() {
        ApiClient manager = ApiClient.basic(port, "maria", password.value());
        JsonNode all = manager.ok(200, manager.get("/api/v1/opportunities?limit=500"));
        JsonNode leads = manager.ok(200, manager.get("/api/v1/opportunities?type=LEAD&limit=500"));
        assertThat(all.get("total").asLong()).as("leads and opportunities").isEqualTo(200);
        assertThat(leads.get("total").asLong()).isEqualTo(40);
        assertThat(manager.ok(200, manager.get("/api/v1/partners?kind=COMPANY&limit=500")).get("items").size()).isEqualTo(50);
        assertThat(manager.ok(200, manager.get("/api/v1/opportunities?view=unassigned")).get("total").asLong()).isPositive();
        assertThat(manager.ok(200, manager.get("/api/v1/teams")).size()).isEqualTo(2);

        ApiClient sam = ApiClient.basic(port, "sam", password.value());
        JsonNode mine = sam.ok(200, sam.get("/api/v1/opportunities?view=mine"));
        assertThat(mine.get("total").asLong()).isPositive();
        long someCase = mine.get("items").get(0).get("id").asLong();
        assertThat(sam.ok(200, sam.get("/api/v1/opportunities/" + someCase + "/history")).get("items").size()).isPositive();

        ApiClient admin = ApiClient.basic(port, "admin", password.value());
        assertThat(admin.get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(ApiClient.basic(port, "sam", "password").get("/api/v1/users/me").status()).isEqualTo(401);
    }
}

package org.switchboard.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.server.testing.Eventually.eventually;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.mail.spi.InboundEnvelope;
import org.switchboard.server.storage.Sha256;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.Browser;
import org.switchboard.server.testing.TestDatabases;
import tools.jackson.databind.JsonNode;

/**
 * The administrator's mail pages in headless Chromium: a message fetched for an alias nobody created is a
 * dead letter; she adds the alias on the aliases page, replays the message, and the decision links to the
 * lead it became. A salesperson has no Mail menu and gets 403 from the pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.mail.enabled=true",
        "switchboard.mail.smtp.host=127.0.0.1",
        "switchboard.mail.smtp.port=0",
        "switchboard.mail.hostname=crm.test",
        "switchboard.mail.reply-token-secret=test-secret-test-secret-test-secret-0123",
        "switchboard.mail.route-every=100ms" })
class MailPagesBrowserTest {
    @LocalServerPort
    int port;

    @Autowired
    DatabaseInboundSpool spool;

    ChromeDriver browser;
    ApiClient admin;
    String tag;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @BeforeEach
    void start() throws Exception {
        tag = "p" + System.nanoTime() % 1_000_000;
        admin = ApiClient.admin(port);
        browser = Browser.start();
    }

    @AfterEach
    void stop() throws Exception {
        Browser.stop(browser, "mail-pages");
    }

    private void login(String username, String password) {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
    }

    @Test
    void anAdministratorSeesADeadLetterAddsTheMissingAliasAndReplaysIt() throws Exception {
        String team = "Inside sales " + tag;
        admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", team, "memberIds", List.of()))));
        // as a polled mailbox delivers it, to the mailbox's deliver-to alias, which nobody has created yet
        String alias = "orders-" + tag + "@crm.test";
        String messageId = "order-" + tag + "@client.example";
        byte[] raw = ("From: Nina <nina." + tag + "@client.example>\r\nTo: orders@client.example\r\nSubject: Order " + tag
                + "\r\nMessage-ID: <" + messageId + ">\r\n\r\nTen boxes, please.\r\n").getBytes(StandardCharsets.UTF_8);
        long inboundId = Long.parseLong(spool.store(new InboundEnvelope(Optional.of("nina." + tag + "@client.example"), List.of(alias), "IMAP",
                "orders@imap.client.example/INBOX", Optional.of(messageId), Sha256.hex(raw), raw.length, Instant.now()),
                new ByteArrayInputStream(raw)).spoolId());
        eventually(() -> decision(messageId));
        assertThat(decision(messageId).get("kind").asString()).isEqualTo("DEAD_LETTER");

        login("admin", ApiClient.ADMIN_PASSWORD);
        browser.findElement(By.id("nav-mail")).click();
        browser.findElement(By.id("tab-dead-letters")).click();
        String row = browser.findElement(By.id("decision-" + inboundId)).getText();
        assertThat(row).contains("DEAD_LETTER").contains("no alias for [" + alias + "]").contains("nina." + tag + "@client.example");

        browser.findElement(By.id("tab-aliases")).click();
        browser.findElement(By.id("alias-address")).sendKeys(alias);
        new Select(browser.findElement(By.id("alias-team"))).selectByVisibleText(team);
        browser.findElement(By.id("alias-create")).click();
        assertThat(browser.findElement(By.cssSelector(".msg.ok")).getText()).contains("Alias " + alias + " added");
        assertThat(browser.findElement(By.id("alias-list")).getText()).contains(alias).contains(team);

        browser.findElement(By.id("tab-dead-letters")).click();
        browser.findElement(By.id("replay-" + inboundId)).click();
        assertThat(browser.findElement(By.cssSelector(".msg.ok")).getText()).contains("routed again");
        JsonNode routed = eventually(() -> {
            JsonNode d = decision(messageId);
            return d != null && "NEW_CASE".equals(d.get("kind").asString()) ? d : null;
        });

        browser.findElement(By.id("tab-decisions")).click();
        new Select(browser.findElement(By.id("decision-kind"))).selectByValue("NEW_CASE");
        browser.findElement(By.id("decision-filter-apply")).click();
        // the filtered page, not the rows of the one before it
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("NEW_CASE"));
        assertThat(browser.findElement(By.id("decision-" + inboundId)).getText()).contains("NEW_CASE");
        assertThat(browser.findElements(By.id("replay-" + inboundId))).as("routed: nothing to replay").isEmpty();
        browser.findElement(By.id("decision-" + inboundId)).findElement(By.className("decision-case")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/opportunities/" + routed.get("caseId").asLong());
        assertThat(browser.getPageSource()).contains("Order " + tag);

        // the case's Messages tab lists the message kept on it, with its subject and the original
        browser.findElement(By.id("tab-messages")).click();
        WebElement listed = browser.findElement(By.cssSelector("#message-list tr[data-message='" + inboundId + "']"));
        assertThat(listed.getText()).contains("Order " + tag);
        assertThat(listed.findElement(By.className("original")).getAttribute("href"))
                .endsWith("/opportunities/" + routed.get("caseId").asLong() + "/messages/" + inboundId + "/raw");

        // and she answers from there: to the sender, "Re:" the subject, logged in the case's history
        assertThat(browser.findElement(By.id("answer-to")).getAttribute("value")).isEqualTo("nina." + tag + "@client.example");
        assertThat(browser.findElement(By.id("answer-subject")).getAttribute("value")).isEqualTo("Re: Order " + tag);
        browser.findElement(By.id("answer-body")).sendKeys("Ten boxes are on their way.");
        browser.findElement(By.id("answer-send")).click();
        assertThat(browser.findElement(By.cssSelector(".msg.ok")).getText()).contains("Queued");
        JsonNode history = admin.ok(200, admin.get("/api/v1/opportunities/" + routed.get("caseId").asLong() + "/history")).get("items");
        assertThat(history.get(0).get("kind").asString()).isEqualTo("EMAIL_OUT");
        assertThat(history.get(0).get("summary").asString()).isEqualTo("Email to nina." + tag + "@client.example: Re: Order " + tag);
        assertThat(history.get(0).get("body").asString()).contains("Ten boxes are on their way.");
    }

    @Test
    void anAdministratorChangesAnAliasThenDeletesItAndItsCaseStays() throws Exception {
        long firstTeam = admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", "Desk " + tag, "memberIds", List.of()))))
                .get("id").asLong();
        String team = "Field sales " + tag;
        long teamId = admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", team, "memberIds", List.of())))).get("id").asLong();
        String alias = "quotes-" + tag + "@crm.test";
        long aliasId = admin.ok(201, admin.post("/api/v1/mail/aliases", ApiClient.json(Map.of("address", alias, "teamId", firstTeam))))
                .get("id").asLong();
        String first = "quote-" + tag + "@client.example";
        store(alias, first, "Quote " + tag);
        long caseId = eventually(() -> decision(first)).get("caseId").asLong();

        login("admin", ApiClient.ADMIN_PASSWORD);
        browser.get("http://localhost:" + port + "/mail/aliases");
        browser.findElement(By.id("alias-edit-" + aliasId)).click();
        assertThat(browser.findElement(By.id("alias-address")).getAttribute("value")).isEqualTo(alias);
        new Select(browser.findElement(By.id("alias-team"))).selectByVisibleText(team);
        new Select(browser.findElement(By.id("alias-type"))).selectByVisibleText("OPPORTUNITY");
        browser.findElement(By.id("alias-save")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".msg.ok"), "Alias " + alias + " saved"));
        assertThat(browser.findElement(By.cssSelector(".msg.ok")).getText()).contains("Alias " + alias + " saved");
        assertThat(browser.findElement(By.id("alias-edit-" + aliasId)).findElement(By.xpath("./ancestor::tr")).getText())
                .contains(alias).contains(team).contains("OPPORTUNITY");

        String second = "quote2-" + tag + "@client.example";
        store(alias, second, "Second quote " + tag);
        JsonNode opportunity = admin.ok(200, admin.get("/api/v1/opportunities/" + eventually(() -> decision(second)).get("caseId").asLong()));
        assertThat(opportunity.get("type").asString()).isEqualTo("OPPORTUNITY");
        assertThat(opportunity.get("teamId").asLong()).isEqualTo(teamId);

        browser.findElement(By.id("alias-delete-" + aliasId)).click();
        // the page the button posted to, not the one still showing "saved" (read too early under load in CI)
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".msg.ok"), "Alias " + alias + " deleted"));
        assertThat(browser.findElement(By.cssSelector(".msg.ok")).getText()).contains("Alias " + alias + " deleted");
        assertThat(browser.findElement(By.id("alias-list")).getText()).doesNotContain(alias);
        // the case made through it stays, with its message
        browser.get("http://localhost:" + port + "/opportunities/" + caseId);
        assertThat(browser.getPageSource()).contains("Quote " + tag);
        // a message for the address that was spooled after the deletion is a dead letter, replayable once an alias exists
        String late = "late-" + tag + "@client.example";
        store(alias, late, "Late " + tag);
        JsonNode dead = eventually(() -> decision(late));
        assertThat(dead.get("kind").asString()).isEqualTo("DEAD_LETTER");
        assertThat(dead.get("summary").asString()).contains("no alias for [" + alias + "]");
    }

    /** A message for {@code alias} as a polled mailbox hands it to the spool. */
    private void store(String alias, String messageId, String subject) throws Exception {
        byte[] raw = ("From: Nina <nina." + tag + "@client.example>\r\nTo: " + alias + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + messageId + ">\r\n\r\nA quote, please.\r\n").getBytes(StandardCharsets.UTF_8);
        spool.store(new InboundEnvelope(Optional.of("nina." + tag + "@client.example"), List.of(alias), "IMAP", "quotes@imap.client.example/INBOX",
                Optional.of(messageId), Sha256.hex(raw), raw.length, Instant.now()), new ByteArrayInputStream(raw));
    }

    @Test
    void aSalespersonHasNoMailMenuAndIsRefusedThePages() throws Exception {
        admin.ok(201, admin.post("/api/v1/users", ApiClient.json(Map.of("username", "sal" + tag, "displayName", "Sal " + tag,
                "email", "sal" + tag + "@example.com", "role", "SALESPERSON", "password", "password-" + tag))));
        ApiClient sal = ApiClient.basic(port, "sal" + tag, "password-" + tag);
        for (String page : List.of("/mail/decisions", "/mail/dead-letters", "/mail/aliases")) {
            assertThat(sal.get(page).status()).as(page).isEqualTo(403);
            assertThat(admin.get(page).status()).as(page).isEqualTo(200);
        }
        assertThat(sal.post("/mail/dead-letters/1/replay", "").status()).isEqualTo(403);

        login("sal" + tag, "password-" + tag);
        assertThat(browser.findElements(By.id("nav-mail"))).isEmpty();
        browser.get("http://localhost:" + port + "/mail/aliases");
        assertThat(browser.findElements(By.id("alias-list"))).isEmpty();
        assertThat(browser.getPageSource()).contains("403");
    }

    private JsonNode decision(String messageId) {
        for (JsonNode d : admin.ok(200, admin.get("/api/v1/mail/decisions?limit=1000"))) {
            if (messageId.equals(d.path("messageId").asString(null))) {
                return d;
            }
        }
        return null;
    }
}

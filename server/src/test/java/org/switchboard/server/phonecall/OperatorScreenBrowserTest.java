package org.switchboard.server.phonecall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.Browser;
import org.switchboard.server.testing.TestDatabases;
import tools.jackson.databind.JsonNode;

/** An operator works her queue in a real (headless) browser with the keyboard; her manager imports a list and sees the campaign. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperatorScreenBrowserTest {
    @LocalServerPort
    int port;
    ChromeDriver browser;
    CallCentreOrganisation org;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        org = new CallCentreOrganisation(port, 0);
    }

    @AfterEach
    void stop() throws Exception {
        Browser.stop(browser, "operator-screen");
    }

    private void login(String prefix) {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/calls/mine");
        browser.findElement(By.id("username")).sendKeys(org.username(prefix));
        browser.findElement(By.id("password")).sendKeys("password-" + org.tag);
        browser.findElement(By.id("login")).click();
        // logged in once the browser has left the login page for the one it asked for
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/calls/mine"));
    }

    /**
     * Waits for the page that a button posted to: the notice of the page before may still be there (a
     * stale element, or the previous text) until the browser has loaded the next one.
     */
    private void notice(String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".msg.ok")).stream().anyMatch(e -> e.getText().contains(expected)));
    }

    @Test
    void anOperatorWorksHerQueueWithTheKeyboard() throws Exception {
        long kestrel = org.company("Kestrel Logistics " + org.tag, "+33 1 40 00 00 01");
        org.manager.ok(201, org.manager.post("/api/v1/calls", ApiClient.json(Map.of("state", "HELD", "partnerId", kestrel,
                "summary", "First contact at the fair"))));
        long first = org.manager.ok(201, org.manager.post("/api/v1/calls", ApiClient.json(Map.of("partnerId", kestrel,
                "summary", "Offer fleet tracking", "responsibleId", org.operatorId, "priority", 3)))).get("id").asLong();
        long second = org.manager.ok(201, org.manager.post("/api/v1/calls", ApiClient.json(Map.of("partnerName", "Heron Freight " + org.tag,
                "phone", "+33 1 40 00 00 02", "summary", "Survey", "responsibleId", org.operatorId)))).get("id").asLong();

        login("op");
        assertThat(browser.findElement(By.id("call-list")).getText()).contains("Offer fleet tracking").contains("Survey");
        browser.findElement(By.id("open-operator")).click();
        assertThat(browser.findElement(By.id("call-who")).getText()).isEqualTo("Kestrel Logistics " + org.tag);
        assertThat(browser.findElement(By.id("call-phone")).getText()).isEqualTo("+33140000001");
        assertThat(browser.findElement(By.id("partner-history")).getText()).contains("First contact at the fair");

        // Next steps, before the outcome: a meeting with the partner, and another call.
        ((JavascriptExecutor) browser).executeScript("document.getElementById('meeting-start').value = '2026-12-03T10:00'");
        browser.findElement(By.id("meeting-plan")).click();
        notice("Meeting planned");
        assertThat(browser.findElement(By.id("call-who")).getText()).as("still my call").isEqualTo("Kestrel Logistics " + org.tag);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('follow-up-due').value = '2026-12-10T09:00'");
        browser.findElement(By.id("follow-up-plan")).click();
        notice("Another call with");
        assertThat(browser.findElement(By.id("partner-history")).getText()).contains("Meeting");

        // Typing notes, then Alt+N: not held, back in the queue later.
        browser.findElement(By.id("call-notes")).sendKeys("voicemail, try after 5pm");
        browser.findElement(By.id("call-notes")).sendKeys(Keys.chord(Keys.ALT, "n"));
        notice("Not held");
        assertThat(browser.findElement(By.id("call-who")).getText()).isEqualTo("Heron Freight " + org.tag);

        // Outside a text field a plain C cancels.
        browser.findElement(By.tagName("h1")).click();
        new Actions(browser).sendKeys("c").perform();
        assertThat(browser.findElement(By.id("queue-empty")).getText()).contains("No call to make now");

        JsonNode retried = org.manager.ok(200, org.manager.get("/api/v1/calls/" + first));
        assertThat(retried.get("state").asString()).isEqualTo("TODO");
        assertThat(retried.get("attempts").asInt()).isEqualTo(1);
        assertThat(retried.get("notes").asString()).isEqualTo("voicemail, try after 5pm");
        assertThat(org.manager.ok(200, org.manager.get("/api/v1/calls/" + second)).get("state").asString()).isEqualTo("CANCELLED");

        // The manager imports a list on the campaign page and follows the progress to the report.
        long campaign = org.campaign("Autumn");
        Path csv = Files.createTempFile("calls", ".csv");
        Files.writeString(csv, "Company;Phone;Operator\nOsprey " + org.tag + ";+33 1 40 00 00 03;" + org.username("op")
                + "\nBroken;12;\n", StandardCharsets.UTF_8);
        login("mgr");
        browser.get("http://localhost:" + port + "/calls/campaigns/" + campaign);
        browser.findElement(By.id("import-file")).sendKeys(csv.toString());
        browser.findElement(By.id("import-start")).click();
        // the page follows the job (it may replace the progress panel while we read it)
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> "DONE".equals(d.findElement(By.id("import-state")).getAttribute("data-state")));
        assertThat(browser.findElement(By.id("import-created")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("import-rejected")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("import-report")).getText()).contains("unparseable phone '12'");
        browser.get("http://localhost:" + port + "/calls/campaigns/" + campaign);
        assertThat(browser.findElement(By.id("stats-total")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("stats-operators")).getText()).contains("OP " + org.tag);
    }
}

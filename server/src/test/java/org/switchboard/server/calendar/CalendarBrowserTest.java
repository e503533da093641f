package org.switchboard.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.Browser;
import org.switchboard.server.testing.TestDatabases;
import tools.jackson.databind.JsonNode;

/**
 * A salesperson's week in the web calendar, in headless Chromium: her meetings, next actions and calls in
 * their colours, the filters, a click on an empty slot to plan a meeting, and a meeting opened and edited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CalendarBrowserTest {
    @LocalServerPort
    int port;
    ChromeDriver browser;
    CalendarOrganisation org;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        org = new CalendarOrganisation(port);
    }

    @AfterEach
    void stop() throws Exception {
        Browser.stop(browser, "calendar-browser");
    }

    private WebElement entry(String text) {
        return browser.findElements(By.cssSelector("a.entry")).stream().filter(e -> e.getText().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + text + " in " + browser.findElement(By.id("calendar-grid")).getText()));
    }

    @Test
    void sheSeesHerWeekFiltersItPlansAMeetingInAnEmptySlotAndEditsIt() {
        org.opportunity("Offer", Map.of("nextAction", "Send offer", "nextActionDate", "2026-12-09"));
        org.manager.ok(201, org.manager.post("/api/v1/calls", ApiClient.json(Map.of("summary", "Chase the signature",
                "partnerId", org.company, "responsibleId", org.aliceId, "dueAt", "2026-12-10T14:00:00Z"))));
        org.bob.ok(201, org.bob.post("/api/v1/meetings", ApiClient.json(Map.of("title", "Demo at Globex", "start", "2026-12-08T10:00:00Z",
                "attendees", List.of(Map.of("userId", org.aliceId))))));

        browser.get("http://localhost:" + port + "/calendar?view=week&date=2026-12-07");
        browser.findElement(By.id("username")).sendKeys(org.username("alice"));
        browser.findElement(By.id("password")).sendKeys("pw-alice" + org.tag + "-secret");
        browser.findElement(By.id("login")).click();
        assertThat(browser.findElement(By.id("calendar-title")).getText()).contains("December 2026");

        WebElement meeting = entry("Demo at Globex");
        WebElement action = entry("Send offer: Offer " + org.tag);
        WebElement call = entry("Chase the signature");
        assertThat(List.of(meeting.getCssValue("background-color"), action.getCssValue("background-color"), call.getCssValue("background-color")))
                .as("a colour per kind").doesNotHaveDuplicates();

        browser.findElement(By.id("filter-crm-next-actions")).click();
        assertThat(action.isDisplayed()).as("next actions filtered out").isFalse();
        assertThat(meeting.isDisplayed()).isTrue();
        browser.findElement(By.id("filter-crm-next-actions")).click();
        assertThat(action.isDisplayed()).isTrue();

        // an empty slot on Friday at 11:00 opens the form there
        browser.findElement(By.cssSelector("td.slot[data-start='2026-12-11T11:00']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/calendar/meetings/new"));
        assertThat(browser.findElement(By.id("meeting-start")).getAttribute("value")).isEqualTo("2026-12-11T11:00");
        browser.findElement(By.id("meeting-title")).sendKeys("Workshop");
        browser.findElement(By.id("meeting-attendees")).sendKeys(org.email("bob"));
        browser.findElement(By.id("meeting-save")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/calendar?view=week"));

        // opened and renamed
        entry("Workshop").click();
        WebElement title = browser.findElement(By.id("meeting-title"));
        title.clear();
        title.sendKeys("Workshop (room 2)");
        browser.findElement(By.id("meeting-save")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/calendar?view=week"));
        assertThat(entry("Workshop (room 2)").isDisplayed()).isTrue();

        JsonNode bobs = org.bob.ok(200, org.bob.get("/api/v1/meetings?from=2026-12-11T00:00:00Z&to=2026-12-12T00:00:00Z&userId=me"))
                .get("items");
        assertThat(bobs).hasSize(1);
        assertThat(bobs.get(0).get("title").asString()).isEqualTo("Workshop (room 2)");
        assertThat(bobs.get(0).get("organizerId").asLong()).isEqualTo(org.aliceId);

        browser.findElement(By.id("view-month")).click();
        assertThat(entry("Demo at Globex").isDisplayed()).isTrue();
        assertThat(entry("Workshop (room 2)").isDisplayed()).isTrue();
    }
}

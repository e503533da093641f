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
import org.openqa.selenium.interactions.Actions;
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
 * her colour with their kind on the edge, the filters, a click on an empty slot to plan a meeting, a
 * meeting opened and edited; a colleague's calendar added from the people list, and the drags of the week
 * view (plan over a span of hours, move, resize).
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
        assertThat(List.of(meeting.getCssValue("border-left-color"), action.getCssValue("border-left-color"), call.getCssValue("border-left-color")))
                .as("a colour per kind, on the edge").doesNotHaveDuplicates();
        String hers = rgb(org.color(org.aliceId));
        assertThat(List.of(meeting.getCssValue("color"), call.getCssValue("color")))
                .as("timed: in her colour (she attends Bob's meeting, Bob is not shown)").containsOnly(hers);
        assertThat(action.getCssValue("background-color")).as("the next action takes the whole day: on her colour").isEqualTo(hers);

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

    private static String rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return "rgba(" + (v >> 16) + ", " + ((v >> 8) & 0xff) + ", " + (v & 0xff) + ", 1)";
    }

    private void login(String prefix, String path) {
        browser.get("http://localhost:" + port + path);
        browser.findElement(By.id("username")).sendKeys(org.username(prefix));
        browser.findElement(By.id("password")).sendKeys("pw-" + prefix + org.tag + "-secret");
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/calendar"));
    }

    private void drag(WebElement from, WebElement to) {
        new Actions(browser).clickAndHold(from).moveToElement(to).release().perform();
    }

    private WebElement slot(String start) {
        return browser.findElement(By.cssSelector("td.slot.hour[data-start='" + start + "']"));
    }

    private JsonNode alicesMeeting(String title) {
        JsonNode items = org.alice.ok(200, org.alice.get("/api/v1/meetings?from=2026-12-07T00:00:00Z&to=2026-12-14T00:00:00Z&userId=me"))
                .get("items");
        for (JsonNode m : items) {
            if (m.get("title").asString().equals(title)) {
                return m;
            }
        }
        throw new AssertionError("no meeting " + title + " in " + items);
    }

    private static java.time.Instant local(String dateTime) {
        return java.time.LocalDateTime.parse(dateTime).atZone(java.time.ZoneId.systemDefault()).toInstant();
    }

    @Test
    void sheAddsHerColleagueFromThePeopleListAndPlansMovesAndResizesByDragging() {
        org.bob.ok(201, org.bob.post("/api/v1/meetings", ApiClient.json(Map.of("title", "Trade fair", "allDay", true,
                "start", "2026-12-08", "end", "2026-12-11"))));
        org.bob.ok(201, org.bob.post("/api/v1/meetings", ApiClient.json(Map.of("title", "Call prep",
                "start", local("2026-12-09T15:00").toString(), "end", local("2026-12-09T15:30").toString()))));

        login("alice", "/calendar?view=week&date=2026-12-07");
        assertThat(browser.findElements(By.cssSelector("a.entry"))).as("only her own entries at first").isEmpty();
        browser.findElement(By.id("user-" + org.bobId)).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("users="));
        WebElement fair = entry("Trade fair");
        WebElement prep = entry("Call prep");
        assertThat(fair.getAttribute("class")).as("several days: a coloured background").contains("long");
        assertThat(fair.getCssValue("background-color")).isEqualTo(rgb(org.color(org.bobId)));
        assertThat(prep.getAttribute("class")).as("half an hour: coloured type").contains("short");
        assertThat(prep.getCssValue("color")).isEqualTo(rgb(org.color(org.bobId)));
        assertThat(browser.findElement(By.id("user-" + org.aliceId)).isSelected()).isTrue();

        // Thursday, from the 13:00 slot down to the 15:00 one: a meeting from 13:00 to 16:00
        drag(slot("2026-12-10T13:00"), slot("2026-12-10T15:00"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/calendar/meetings/new"));
        assertThat(browser.findElement(By.id("meeting-start")).getAttribute("value")).isEqualTo("2026-12-10T13:00");
        assertThat(browser.findElement(By.id("meeting-end")).getAttribute("value")).isEqualTo("2026-12-10T16:00");
        browser.findElement(By.id("meeting-title")).sendKeys("Planning");
        browser.findElement(By.id("meeting-save")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/calendar?view=week"));

        // moved to Friday 10:00, it keeps its three hours
        drag(entry("Planning"), slot("2026-12-11T10:00"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(".msg.ok")).stream()
                .anyMatch(e -> e.getText().contains("Moved Planning")));
        JsonNode moved = alicesMeeting("Planning");
        assertThat(java.time.Instant.parse(moved.get("start").asString())).isEqualTo(local("2026-12-11T10:00"));
        assertThat(java.time.Instant.parse(moved.get("end").asString())).isEqualTo(local("2026-12-11T13:00"));

        // its lower edge dragged to the 14:00 slot: it ends at 15:00
        drag(entry("Planning").findElement(By.className("resize")), slot("2026-12-11T14:00"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> java.time.Instant.parse(alicesMeeting("Planning").get("end").asString())
                .equals(local("2026-12-11T15:00")));
        assertThat(java.time.Instant.parse(alicesMeeting("Planning").get("start").asString())).isEqualTo(local("2026-12-11T10:00"));
    }
}

package org.switchboard.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.Browser;
import org.switchboard.server.testing.TestDatabases;

/** A sales manager in a real (headless) browser: log in, quick-create, assign from Unassigned, see the history. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PipelineBrowserTest {
    @LocalServerPort
    int port;
    ChromeDriver browser;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        ApiClient admin = ApiClient.admin(port);
        for (var u : List.of(List.of("maria", "Maria Manager", "SALES_MANAGER"), List.of("sam", "Sam Seller", "SALESPERSON"))) {
            if (admin.get("/api/v1/users").raw().body().contains("\"" + u.get(0) + "\"")) {
                continue;
            }
            admin.ok(201, admin.post("/api/v1/users", ApiClient.json(Map.of("username", u.get(0), "displayName", u.get(1), "role", u.get(2),
                    "password", "browser-password"))));
        }
    }

    @AfterEach
    void stop() throws Exception {
        Browser.stop(browser, "pipeline-browser");
    }

    @Test
    void managerCreatesAssignsAndSeesHistory() {
        browser.get("http://localhost:" + port + "/opportunities/mine");
        assertThat(browser.getCurrentUrl()).as("the UI asks for a login").endsWith("/login");
        browser.findElement(By.id("username")).sendKeys("maria");
        browser.findElement(By.id("password")).sendKeys("browser-password");
        browser.findElement(By.id("login")).click();
        assertThat(browser.findElement(By.id("current-user")).getText()).isEqualTo("Maria Manager");

        // Quick create after a phone call, left unassigned.
        browser.findElement(By.id("nav-new")).click();
        browser.findElement(By.id("new-name")).sendKeys("Fleet tracking for Kestrel");
        browser.findElement(By.id("new-partner")).sendKeys("Kestrel Logistics");
        browser.findElement(By.id("new-revenue")).sendKeys("24000");
        new Select(browser.findElement(By.id("new-responsible"))).selectByVisibleText("Unassigned");
        browser.findElement(By.id("new-save")).click();
        assertThat(browser.findElement(By.id("case-name")).getText()).isEqualTo("Fleet tracking for Kestrel");
        String caseUrl = browser.getCurrentUrl();
        String caseId = caseUrl.substring(caseUrl.lastIndexOf('/') + 1);

        // Assign it from the Unassigned list.
        browser.findElement(By.id("nav-unassigned")).click();
        WebElement row = browser.findElement(By.cssSelector("#case-list tr[data-id='" + caseId + "']"));
        assertThat(row.getText()).contains("Fleet tracking for Kestrel", "Kestrel Logistics", "24,000");
        browser.findElement(By.id("pick-" + caseId)).click();
        new Select(browser.findElement(By.id("assign-to"))).selectByVisibleText("Sam Seller");
        browser.findElement(By.id("assign-button")).click();
        assertThat(browser.findElement(By.cssSelector(".msg.ok")).getText()).contains("assigned to Sam Seller");
        assertThat(browser.findElements(By.cssSelector("#case-list tr[data-id='" + caseId + "']"))).isEmpty();

        // The case's history shows who assigned it to whom.
        browser.get(caseUrl);
        List<String> history = browser.findElements(By.cssSelector("#history-list li")).stream().map(WebElement::getText).toList();
        assertThat(history.get(0)).contains("Responsible: none → Sam Seller").contains("Maria Manager");
        assertThat(history).anySatisfy(h -> assertThat(h).contains("Opportunity created"));

        // A note typed in the History tab lands on top.
        browser.findElement(By.id("note-text")).sendKeys("Sam will call them on Monday.");
        browser.findElement(By.id("note-add")).click();
        // The page reloads after the post: wait for the new list rather than read the old one.
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("#history-list li")).getText().contains("Sam will call them on Monday."));
        assertThat(browser.findElement(By.cssSelector("#history-list li")).getText()).contains("Note: Sam will call them on Monday.");
    }
}

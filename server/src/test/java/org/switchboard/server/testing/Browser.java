package org.switchboard.server.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium for UI tests. Without a browser the test is skipped, unless
 * SWITCHBOARD_TEST_BROWSER=required (CI), where a missing browser fails it.
 */
public final class Browser {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    private Browser() {
    }

    public static ChromeDriver start() throws Exception {
        boolean installed = CHROMIUM.canExecute() && DRIVER.canExecute();
        if (!installed) {
            if ("required".equals(System.getenv("SWITCHBOARD_TEST_BROWSER"))) {
                throw new AssertionError("SWITCHBOARD_TEST_BROWSER=required but /usr/bin/chromium or /usr/bin/chromedriver is missing "
                        + "(apt-get install chromium chromium-driver)");
            }
            Assumptions.abort("no Chromium installed: apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,900",
                "--user-data-dir=" + Files.createTempDirectory("sb-chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    /** Keeps the last page as target/screenshots/{@code name}.png (to see what a failed test saw), then quits; null: nothing. */
    public static void stop(ChromeDriver driver, String name) throws Exception {
        if (driver == null) {
            return;
        }
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.quit();
        }
    }
}

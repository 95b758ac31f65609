package org.amends.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by the system chromedriver, with a fresh profile; nothing is downloaded.
 * Screenshots go to {@code target/screenshots}; {@link #assertAccessible} runs axe-core inside the page.
 */
final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    static Browser open(boolean phone) {
        var chromium = Path.of("/usr/bin/chromium");
        var chromedriver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw new IllegalStateException(
                    "Chromium is missing: apt-get install -y chromium chromium-driver (.ci/run does it)");
        }
        try {
            var profile = Files.createTempDirectory("amends-chromium-");
            var options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + profile,
                    phone ? "--window-size=390,844" : "--window-size=1280,900");
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .build();
            var driver = new ChromeDriver(service, options);
            if (phone) {
                driver.manage().window().setSize(new Dimension(390, 844));
            }
            return new Browser(driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void go(String url) {
        driver.get(url);
    }

    WebElement await(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void awaitText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** Reloads the page until the element shows the text: for what a service learns from events a moment later. */
    void awaitTextAfterReload(By locator, String text, Duration atMost) {
        var deadline = java.time.Instant.now().plus(atMost);
        while (true) {
            driver.navigate().refresh();
            try {
                new WebDriverWait(driver, Duration.ofSeconds(5))
                        .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
                return;
            } catch (org.openqa.selenium.TimeoutException e) {
                if (java.time.Instant.now().isAfter(deadline)) {
                    throw new AssertionError(
                            "after " + atMost + " of reloading, " + locator + " still shows: "
                                    + driver.findElement(locator).getText(),
                            e);
                }
            }
        }
    }

    /** Signs in on Keycloak's own login page, which the portal redirected to. */
    void signIn(String username, String password) {
        await(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    void screenshot(String name) {
        var directory = Path.of(System.getProperty("amends.e2e.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs axe-core in the page: no serious or critical violation of WCAG 2.x A/AA rules. */
    void assertAccessible(String page) {
        var axe = Path.of(System.getProperty("amends.e2e.axe", "../tools/a11y/node_modules/axe-core/axe.min.js"));
        String source;
        try {
            source = Files.readString(axe);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core not found at " + axe + ": npm ci --prefix tools/a11y", e);
        }
        driver.executeScript(source);
        @SuppressWarnings("unchecked")
        var violations = (List<Map<String, Object>>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.map(n => n.target.join(' ')).join(', ') }))))
                  .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: '' }]));
                """);
        assertThat(violations)
                .as("serious or critical accessibility violations on %s", page)
                .isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}

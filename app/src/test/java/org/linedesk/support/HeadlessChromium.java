package org.linedesk.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (.ci/run installs both), for the
 * browser tests. Its console is kept (to see Content-Security-Policy violations); screenshots go to
 * {@link #SCREENSHOTS}.
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");

    private HeadlessChromium() {
    }

    /**
     * Clicks something that loads a new page and waits (up to {@code timeout}) until the old page is gone
     * and the new one is loaded. Chromium reports a replaced document's node either as stale or as "does
     * not belong to the document" (also to the click itself, when the click's own navigation came first:
     * the click happened and is not repeated, which would send a form twice); both mean the old page is
     * gone. The wait still fails when no new page comes.
     */
    public static void clickAndAwaitNewPage(WebDriver browser, org.openqa.selenium.By target, Duration timeout) {
        org.openqa.selenium.WebElement page = browser.findElement(org.openqa.selenium.By.tagName("html"));
        try {
            browser.findElement(target).click();
        } catch (org.openqa.selenium.WebDriverException e) {
            if (!replaced(e)) {
                throw e;
            }
        }
        new org.openqa.selenium.support.ui.WebDriverWait(browser, timeout).until(d -> gone(page));
        new org.openqa.selenium.support.ui.WebDriverWait(browser, timeout).until(d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static boolean gone(org.openqa.selenium.WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (replaced(e)) {
                return true;
            }
            throw e;
        }
    }

    private static boolean replaced(org.openqa.selenium.WebDriverException e) {
        return e.getMessage() != null && e.getMessage().contains("does not belong to the document");
    }

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A fresh browser with a profile of its own; waits up to {@code implicitWait} for elements. */
    public static WebDriver start(Duration implicitWait) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("linedesk-chromium"));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(implicitWait);
        Files.createDirectories(SCREENSHOTS);
        return browser;
    }
}

package dev.spotlink.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with both paths given explicitly so Selenium
 * Manager never looks for (or downloads) a browser, and with Chromium's own background traffic switched off: the
 * machine has no network. Missing Chromium fails the test with the command that installs it, unless
 * {@code -Dspotlink.browser-tests=off} asks to skip browser tests.
 */
public final class Browser implements AutoCloseable {

    public static final String SWITCH = "spotlink.browser-tests";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A fresh browser with its profile in {@code profileDir}, {@code width} x {@code height} pixels. */
    public static Browser start(Path profileDir, int width, int height) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "off".equals(System.getProperty(SWITCH))) {
            Assumptions.abort("browser tests are off (-D" + SWITCH + "=off) and " + CHROMIUM + " is missing");
        }
        if (!installed) {
            throw new AssertionError(CHROMIUM + " and " + CHROMEDRIVER + " are needed for the browser tests: run"
                    + " `bash .ci/run` (installs them), or `apt-get install -y chromium chromium-driver`;"
                    + " to skip browser tests, add -D" + SWITCH + "=off");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profileDir.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    /** Replaces the text of input {@code id}. */
    public void type(String id, String text) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks a button or link that loads a new page, and waits until that page replaced this one. */
    public void click(String id) {
        WebElement page = driver.findElement(By.tagName("html"));
        byId(id).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> replaced(page));
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether {@code element}'s page is gone. Chrome reports a replaced page's node as stale, or, racing the
     * navigation, as an inspector error "Node with given id does not belong to the document": both mean replaced.
     */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    public String text(String id) {
        return byId(id).getText();
    }

    public boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the window shows as {@code dir/name.png}. */
    public Path screenshot(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

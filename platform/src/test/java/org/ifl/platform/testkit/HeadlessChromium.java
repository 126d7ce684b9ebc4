package org.ifl.platform.testkit;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by Selenium, for the dashboard's browser tests: the Debian {@code chromium} and
 * {@code chromedriver} found on PATH (so nothing is downloaded: Selenium Manager is never asked), an exact viewport
 * set through the DevTools protocol, screenshots, waits on the pages' test hooks ({@code body[data-ready]},
 * {@code body[data-renders]}) and the browser console's errors kept for the test to check.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** How long a page may take to load and render, or to show what it is waited for. */
    public static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox",
            "--disable-dev-shm-usage");

    /** A screen the page is shown on: its CSS size in pixels (device scale 1) and whether it is a phone. */
    public record Viewport(int width, int height, boolean mobile) {
        public static final Viewport DESKTOP = new Viewport(1280, 800, false);
        public static final Viewport PHONE = new Viewport(390, 844, true);

        /** {@code 1280x800}: how screenshot files are named. */
        public String label() {
            return width + "x" + height;
        }
    }

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final List<LogEntry> console = new ArrayList<>();

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Why the browser tests cannot run here (no chromium or chromedriver on PATH), or empty when they can. */
    public static Optional<String> unavailable() {
        List<String> missing = new ArrayList<>();
        for (String program : List.of("chromium", "chromedriver")) {
            if (onPath(program).isEmpty()) {
                missing.add(program);
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("no " + String.join(" and ", missing)
                + " on PATH (" + System.getenv("PATH") + "): install the Debian packages chromium and "
                + "chromium-driver, as .ci/run does");
    }

    /** Skips the calling test, saying why, where {@link #unavailable()} says the browser cannot run. */
    public static void assumeAvailable() {
        Optional<String> reason = unavailable();
        Assumptions.assumeTrue(reason.isEmpty(), () -> "browser test skipped: " + reason.orElseThrow());
    }

    /** Starts chromedriver and a headless Chromium shown on {@code viewport}. */
    public static HeadlessChromium start(Viewport viewport) {
        // Belt and braces (the build sets the variable too): the executables below already keep Selenium Manager,
        // which would download a browser and driver, from being asked.
        System.setProperty("SE_OFFLINE", "true");
        Path chromium = onPath("chromium").orElseThrow(() -> new IllegalStateException(unavailable().orElseThrow()));
        Path chromedriver = onPath("chromedriver").orElseThrow(() -> new IllegalStateException(
                unavailable().orElseThrow()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(ARGUMENTS);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        HeadlessChromium browser = new HeadlessChromium(service, driver);
        try {
            browser.viewport(viewport);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
        return browser;
    }

    /** The page's size from now on, exactly (the window's outer size would leave less to the page). */
    public void viewport(Viewport viewport) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.width(),
                "height", viewport.height(), "deviceScaleFactor", 1, "mobile", viewport.mobile()));
    }

    /** The Selenium driver, for what this kit does not do itself. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Loads {@code url} and waits for its first complete render ({@code body[data-ready=true]}). */
    public void open(URI url) {
        driver.get(url.toString());
        awaitReady();
    }

    /** Waits for {@code body[data-ready=true]}: the page's first complete render. */
    public void awaitReady() {
        until("body[data-ready=true] at " + driver.getCurrentUrl(), PAGE_WAIT,
                () -> "true".equals(script("return document.body && document.body.dataset.ready")));
    }

    /** {@code body[data-renders]}: how many renders the page has completed (0 before the first). */
    public int renders() {
        Object renders = script("return document.body ? document.body.dataset.renders : null");
        return renders == null || renders.toString().isEmpty() ? 0 : Integer.parseInt(renders.toString());
    }

    /** {@code body[data-live]}: the page's EventSource state (open, connecting, closed), or null before it has one. */
    public String live() {
        Object live = script("return document.body ? document.body.dataset.live : null");
        return live == null ? null : live.toString();
    }

    /** Runs {@code js} in the page (a function body: {@code return ...}); its value as Selenium converts it. */
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * Waits up to {@code timeout} for {@code condition}, asked again every 50 ms; fails naming {@code what} and the
     * page it was on.
     */
    public void until(String what, Duration timeout, BooleanSupplier condition) {
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(50)).until(d -> condition.getAsBoolean());
        } catch (TimeoutException e) {
            throw new AssertionError("not within " + timeout + ": " + what + " (page " + driver.getCurrentUrl()
                    + ")", e);
        }
    }

    /**
     * A PNG of what the page shows now, written to {@code dir/<name>-<width>x<height>.png} (the viewport's size);
     * returns the file.
     */
    public Path screenshot(Path dir, String name, Viewport viewport) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "-" + viewport.label() + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** One entry of the browser console: when, and its level and text ({@code SEVERE http://... message}). */
    public record ConsoleMessage(Instant at, String text) {
        @Override
        public String toString() {
            return at + " " + text;
        }
    }

    /**
     * The browser console's entries at SEVERE (errors, uncaught exceptions, failed loads) since the browser started;
     * reading them keeps them here, so none is lost between calls.
     */
    public List<ConsoleMessage> consoleErrors() {
        synchronized (console) {
            driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
            return console.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                    .map(e -> new ConsoleMessage(Instant.ofEpochMilli(e.getTimestamp()),
                            e.getLevel() + " " + e.getMessage())).toList();
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program).toAbsolutePath();
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

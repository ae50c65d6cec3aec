package io.staleguard.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium (Debian {@code chromium}), driven through its {@code chromedriver} with Selenium
 * WebDriver, with a fresh profile each time. Nothing is downloaded: both binaries come from the machine (system
 * properties {@value #BINARY} and {@value #DRIVER}, default {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}). When they are missing the test is skipped with a message, or fails when the
 * environment variable {@code CI} is set, so a CI machine cannot pass by skipping it ({@code .ci/run} installs them).
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final String BINARY = "staleguard.it.chromium";
    public static final String DRIVER = "staleguard.it.chromedriver";

    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * Selenium warns that it has no DevTools binding for this Chromium's version; none is needed, since only
     * {@code executeCdpCommand} is used. Held here so the setting is not garbage-collected.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with an empty profile, or skips (fails, on CI) the calling test when there is none. */
    public static HeadlessChromium start() throws IOException {
        Path binary = Path.of(System.getProperty(BINARY, "/usr/bin/chromium"));
        Path driverBinary = Path.of(System.getProperty(DRIVER, "/usr/bin/chromedriver"));
        if (!Files.isExecutable(binary) || !Files.isExecutable(driverBinary)) {
            String message = "Headless Chromium is needed for this browser test: " + binary + " and " + driverBinary
                    + " must exist (apt-get install -y chromium chromium-driver, or set -D" + BINARY + " and -D"
                    + DRIVER + ")";
            String ci = System.getenv("CI");
            if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false")) {
                fail(message + "; CI is set, so this is a failure, not a skip");
            }
            Assumptions.abort(message);
        }
        Path profile = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "staleguard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--disable-quic", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1024,640", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile())
                .usingAnyFreePort().build();
        try {
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** A page load: what typing the URL does. Returns when the page has loaded. */
    public void open(String url) {
        driver.get(url);
    }

    /**
     * From now on every request the page makes carries {@code name: value}, as if a proxy in front of the application
     * added it (DevTools {@code Network.setExtraHTTPHeaders}: page loads and {@code fetch} calls alike).
     */
    public void proxyHeader(String name, String value) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of(name, value)));
    }

    /** Runs {@code script} in the page; {@code return …} hands a value back (numbers come back as Long). */
    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Waits until {@code condition} is true, polling; fails naming {@code what} and {@code state} otherwise. */
    public void await(Duration timeout, String what, Supplier<Boolean> condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(condition.get())) {
            if (System.nanoTime() > deadline) {
                fail("waited " + timeout.toSeconds() + " s for " + what + "; now: " + state.get());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Saves what the page shows as a PNG. */
    public Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException stillInUse) {
                    // A helper process may still be exiting: a leftover in the temp directory fails no test.
                }
            }
        }
    }
}

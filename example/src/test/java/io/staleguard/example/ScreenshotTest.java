package io.staleguard.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The tour in a real browser: headless Chromium (Debian's {@code chromium}) loads pages of the example in an embedded
 * container, saves a screenshot of each in {@code target/screenshots/} (kept as test artifacts) and prints the final
 * DOM, which the test reads. A page that no longer renders, or a tour that no longer heals, fails here.
 * <p>
 * Chromium is {@code /usr/bin/chromium}, or the executable the environment variable {@code CHROMIUM} names. When
 * {@code CI} is set, a missing Chromium fails the test ({@code .ci/run} installs it); elsewhere the test is skipped
 * with a message.
 */
class ScreenshotTest {

    private static final Path SHOTS = Path.of("target", "screenshots");
    /** The page background of the tour ({@code #f3f4f6}). */
    private static final int BACKGROUND = 0xf3f4f6;
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1600;

    private static final String MISSING = "Chromium is not installed (apt-get install chromium), or CHROMIUM does "
            + "not name it";

    private static String chromium;

    @BeforeAll
    static void findChromium() throws IOException {
        String chosen = System.getenv("CHROMIUM");
        chromium = (chosen != null ? Stream.of(chosen) : Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser"))
                .filter(p -> new File(p).canExecute()).findFirst().orElse(null);
        if (chromium == null && System.getenv("CI") != null) {
            fail(MISSING + ": CI must run the browser tests; .ci/run installs it");
        }
        Files.createDirectories(SHOTS);
    }

    @BeforeEach
    void needsChromium() {
        if (chromium == null) {
            System.out.println("ScreenshotTest: " + MISSING + "; skipped");
            Assumptions.abort(MISSING);
        }
    }

    @Test
    @DisplayName("The start page renders the tour: all four incidents, the store switch, the events and the driver")
    void startPage() throws Exception {
        Shot shot = shoot("", "start.png");

        for (String title : List.of("Stale cookie at the consent step", "Rolling session revived by a concurrent "
                + "logout", "Identity switch behind an SSO proxy", "that was only transient")) {
            assertEquals(2, count(shot.dom(), Pattern.quote(title)), "in the overview and on its card: " + title);
        }
        for (String part : List.of("Staleguard events", "store outage", "Tour.java", "Run it with Staleguard")) {
            assertTrue(shot.dom().contains(part), part);
        }
        assertTrue(isDark(shot.image().getRGB(20, 20)), "the dark header bar is drawn");
        assertNotBlank(shot);
    }

    @Test
    @DisplayName("I4 in a browser: with Staleguard, the single-page app meets the identity switch with one "
            + "navigation by staleguard.js and no error toast")
    void healedSinglePageApp() throws Exception {
        Shot shot = shoot("incident3/with/spa?play=bob%40example.com", "incident3-with-healed.png");

        assertTrue(shot.dom().contains("staleguard.js navigated here once; error toasts shown before that: 0."),
                "one navigation, no toast before it");
        assertTrue(shot.dom().contains("id=\"error-count\">0<"), "no toast after it");
        assertEquals(0, count(shot.dom(), "<div class=\"toast\">"));
        assertTrue(shot.dom().contains("Bob, bob@example.com"), "the new user's data, after the navigation");
        assertTrue(shot.dom().contains("explain healed"), "the page explains the recovery");
        assertNotBlank(shot);
    }

    @Test
    @DisplayName("The foil in a browser: without Staleguard, the same switch shows one error toast per API call")
    void toastsWithoutStaleguard() throws Exception {
        Shot shot = shoot("incident3/without/spa?play=bob%40example.com", "incident3-without-toasts.png");

        assertEquals(6, count(shot.dom(), "<div class=\"toast\">"), "six calls, six toasts");
        assertTrue(shot.dom().contains("<span id=\"reloaded\"></span>"), "no navigation");
        assertTrue(shot.dom().contains("id=\"error-count\">6<"));
        assertNotBlank(shot);
    }

    private record Shot(String dom, BufferedImage image, long bytes) {
    }

    /** Loads {@code target} in a fresh headless Chromium, lets its scripts run, and keeps a screenshot. */
    private static Shot shoot(String target, String file) throws Exception {
        String url = EmbeddedExample.get().base().resolve(target).toString();
        Path png = SHOTS.resolve(file).toAbsolutePath();
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("wt-tour-chromium");
        Path log = SHOTS.resolve(file.replace(".png", ".chromium.log"));
        try {
            List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT,
                    // scripts, fetches and staleguard.js's navigation all run before the page is captured
                    "--virtual-time-budget=10000", "--screenshot=" + png, "--dump-dom", url));
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("Chromium did not finish loading " + url + "; see " + log);
            }
            assertEquals(0, p.exitValue(), "Chromium failed on " + url + "; see " + log);
            assertTrue(Files.isRegularFile(png), "no screenshot of " + url + "; see " + log);
            return new Shot(dom, ImageIO.read(png.toFile()), Files.size(png));
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** A screenshot of a real page: the full size, and a good part of it drawn over the background. */
    private static void assertNotBlank(Shot shot) {
        assertTrue(shot.bytes() > 20_000, "a rendered page compresses to more than 20 KB: " + shot.bytes());
        BufferedImage image = shot.image();
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());
        int drawn = 0;
        int samples = 0;
        for (int y = 0; y < image.getHeight(); y += 8) {
            for (int x = 0; x < image.getWidth(); x += 8) {
                samples++;
                if ((image.getRGB(x, y) & 0xffffff) != BACKGROUND) {
                    drawn++;
                }
            }
        }
        assertTrue(drawn > samples / 10, "at least a tenth of the page is drawn: " + drawn + " of " + samples);
    }

    private static boolean isDark(int rgb) {
        return ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 64;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

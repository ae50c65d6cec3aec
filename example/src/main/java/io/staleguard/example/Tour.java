package io.staleguard.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tour as a table: plays every incident of the running example without and with Staleguard over HTTP, with one
 * fresh cookie jar per run, and prints a Markdown table of what the user saw: status codes, redirects, the cookies left
 * in the jar and the {@code SessionEnded} events the example received.
 * <pre>
 * java example/src/main/java/io/staleguard/example/Tour.java http://localhost:8080/staleguard-example/
 * </pre>
 * It needs nothing but a JDK (it runs from its source file, so nothing has to be built first) and the example
 * running. It talks like a browser: page loads send {@code Sec-Fetch-Mode: navigate} and {@code Accept: text/html},
 * script calls {@code Sec-Fetch-Mode: cors} and {@code Accept: application/json}; it follows no redirect by itself, so
 * every 303 shows. Where a page's script would act (incident 2's race, incident 3's single-page app with or without
 * {@code staleguard.js}), the driver does what the script does and says so.
 * <p>
 * Exit status: 0 when every run showed what the tour expects (the failure without Staleguard, the recovery with it),
 * 1 when one did not, 2 when the example could not be reached.
 */
public final class Tour {

    /**
     * One run of one incident.
     *
     * @param incident the incident's number and short name
     * @param mode {@code without} or {@code with}
     * @param saw what the user saw, step by step
     * @param cookiesLeft the cookies left in the jar for the incident's pages
     * @param events the reasons of the {@code SessionEnded} events the run caused
     * @param asExpected whether the run showed what the tour expects of that mode
     * @param millis how long the run took
     */
    public record Row(String incident, String mode, String saw, String cookiesLeft, String events, boolean asExpected,
            long millis) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String[] MODES = {"without", "with"};
    private static final List<String> SPA_CALLS = List.of("me", "documents", "collections", "starred", "recent",
            "members");

    private final URI base;
    private final String contextPath;

    /** @param base the example's start page, for example {@code http://localhost:8080/staleguard-example/} */
    public Tour(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        String path = this.base.getPath();
        this.contextPath = path.substring(0, path.length() - 1);
    }

    public static void main(String[] args) throws InterruptedException {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080/staleguard-example/");
        Tour tour = new Tour(base);
        long start = System.nanoTime();
        List<Row> rows;
        try {
            rows = tour.run();
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not reach the example at " + tour.base + " (" + e + "). Start it with:"
                    + System.lineSeparator() + "  mvn -B -pl example -am package -Prun -DskipTests");
            System.exit(2);
            return;
        }
        System.out.println(markdown(rows));
        long failed = rows.stream().filter(r -> !r.asExpected()).count();
        System.out.printf("%n%d runs in %.1f s against %s: %s%n", rows.size(), (System.nanoTime() - start) / 1e9,
                tour.base, failed == 0 ? "every one as the tour expects." : failed + " not as the tour expects.");
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Plays every incident without and with Staleguard. */
    public List<Row> run() throws IOException, InterruptedException {
        HttpResponse<String> start = new Browser(base).navigate("");
        if (start.statusCode() != 200 || !start.body().contains("Stale sessions that heal themselves")) {
            throw new IOException("no Staleguard example at " + base + ": GET answered " + start.statusCode());
        }
        List<Row> rows = new ArrayList<>();
        for (String mode : MODES) {
            rows.add(timed(() -> consent(mode)));
        }
        for (String mode : MODES) {
            rows.add(timed(() -> rolling(mode)));
        }
        for (String mode : MODES) {
            rows.add(timed(() -> identityPage(mode)));
        }
        for (String mode : MODES) {
            rows.add(timed(() -> identitySpa(mode)));
        }
        for (String mode : MODES) {
            rows.add(timed(() -> identityWildcard(mode)));
        }
        for (String mode : MODES) {
            rows.add(timed(() -> outage(mode)));
        }
        for (String mode : MODES) {
            rows.add(timed(() -> reallyGone(mode)));
        }
        return rows;
    }

    // ---------------------------------------------------------------------------------------------------- incidents

    private Row consent(String mode) throws IOException, InterruptedException {
        Browser b = new Browser(base);
        long events = eventCount();
        String interaction = b.follow(b.navigate("client/start?mode=" + mode)).uri().getPath();
        b.follow(b.submit(interaction + "/login", Map.of("login", "alice")));
        b.api("POST", "redeploy", Map.of());
        HttpResponse<String> allow = b.submit(interaction + "/confirm", Map.of());
        StringBuilder saw = new StringBuilder("sign in, consent page, simulate a redeploy, Allow access → ")
                .append(status(allow));
        boolean ok;
        if (mode.equals("without")) {
            ok = allow.statusCode() == 400 && allow.body().contains("session not found");
            saw.append(" “invalid_request: session not found”; nothing expired: stuck");
        } else {
            String location = allow.headers().firstValue("Location").orElse("");
            saw.append(" ").append(relative(location)).append(" (").append(expired(allow)).append(")");
            HttpResponse<String> login = b.follow(allow);
            String again = login.uri().getPath();
            b.follow(b.submit(again + "/login", Map.of("login", "alice")));
            HttpResponse<String> done = b.follow(b.submit(again + "/confirm", Map.of()));
            saw.append(" → sign in again, Allow access → ").append(status(done))
                    .append(done.body().contains("Welcome, alice") ? " “Welcome, alice”" : "");
            ok = allow.statusCode() == 303 && location.contains("/incident1/with/authorize?")
                    && login.body().contains("Staleguard saw") && done.body().contains("Welcome, alice");
        }
        return row("1 · stale cookie at the consent step", mode, saw, b.cookiesAt(interaction), events, ok);
    }

    private Row rolling(String mode) throws IOException, InterruptedException {
        Browser b = new Browser(base);
        long events = eventCount();
        String app = "incident2/" + mode + "/";
        b.follow(b.submit(app + "login", Map.of("user", "alice")));
        Race race = race(b, app);
        HttpResponse<String> logout = race.logout();
        Map<String, Integer> answered = new TreeMap<>();
        for (HttpResponse<String> poll : race.landed()) {
            answered.merge(status(poll), 1, Integer::sum);
        }
        String me = b.api("GET", app + "api/me", null).body();
        boolean signedIn = field(me, "signedIn").equals("true");
        String record = field(me, "session");
        String saw = "4 requests in flight, sign out → " + status(logout) + "; then the 4 land: " + counts(answered)
                + "; then “am I signed in?” → " + (signedIn ? "**yes, as " + field(me, "user") + "**" : "no")
                + ", record " + record + (signedIn ? " (a request in flight saved it back)" : "");
        boolean ok = mode.equals("without") ? signedIn && record.equals("live")
                : !signedIn && !record.equals("live") && logout.statusCode() == 200;
        String left = b.cookiesAt(contextPath + "/" + app);
        if (left.contains("app_session")) {
            left = left.replace("app_session", "app_session (" + (record.equals("live") ? "live" : "dead: no record")
                    + ")");
        }
        return row("2 · rolling session revived by a concurrent logout", mode, saw, left, events, ok);
    }

    /** Incident 2's race: what the sign-out answered, and what the four requests in flight answered after it. */
    record Race(HttpResponse<String> logout, List<HttpResponse<String>> landed) {
    }

    /**
     * Plays incident 2's race as its page's script does: four slow requests to {@code app}, a sign-out once all four
     * are in flight, and only when the sign-out has answered, the four are released and land.
     *
     * @param app the demo application of one mode, {@code incident2/with/}, with a signed-in browser
     */
    static Race race(Browser b, String app) throws IOException, InterruptedException {
        String token = "tour" + System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            polls.add(b.apiAsync(app + "api/poll?race=" + token + "&n=" + i));
        }
        for (int tries = 0; tries < 400
                && !field(b.api("GET", "incident2/race?token=" + token, null).body(), "held").equals("4"); tries++) {
            Thread.sleep(25);
        }
        HttpResponse<String> logout = b.api("POST", app + "logout", Map.of());
        b.api("POST", "incident2/race?token=" + token, Map.of());
        List<HttpResponse<String>> landed = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            landed.add(join(poll));
        }
        return new Race(logout, landed);
    }

    private Row identityPage(String mode) throws IOException, InterruptedException {
        Browser b = new Browser(base);
        long events = eventCount();
        String home = "incident3/" + mode + "/";
        boolean alice = b.navigate(home).body().contains("Signed in as Alice");
        b.api("POST", "incident3/proxy", Map.of("as", "bob@example.com"));
        HttpResponse<String> page = b.navigate(home);
        StringBuilder saw = new StringBuilder("signed in as alice; the proxy switches to bob → page ")
                .append(status(page));
        boolean ok;
        if (mode.equals("without")) {
            ok = alice && page.statusCode() == 200 && page.body().contains("Signed in as Alice");
            saw.append(" “Signed in as Alice (admin)”: **still alice's session**");
        } else {
            HttpResponse<String> after = b.follow(page);
            saw.append(" same URL (").append(expired(page)).append(") → ").append(status(after))
                    .append(after.body().contains("Signed in as Bob") ? " “Signed in as Bob”" : "");
            ok = alice && page.statusCode() == 303 && after.body().contains("Signed in as Bob");
        }
        return row("3 · identity switch behind an SSO proxy: page", mode, saw, b.cookiesAt(contextPath + "/" + home),
                events, ok);
    }

    private Row identitySpa(String mode) throws IOException, InterruptedException {
        Browser b = new Browser(base);
        long events = eventCount();
        String app = "incident3/" + mode + "/";
        boolean alice = b.navigate(app + "spa").statusCode() == 200
                && field(b.api("GET", app + "api/me", null).body(), "user").equals("alice@example.com");
        b.api("POST", "incident3/proxy", Map.of("as", "bob@example.com"));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (String call : SPA_CALLS) {
            calls.add(b.apiAsync(app + "api/" + call));
        }
        Map<String, Integer> answers = new TreeMap<>();
        int toasts = 0;
        String restart = null;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = join(call);
            String header = r.headers().firstValue("Session-Restart").orElse(null);
            answers.merge(status(r) + (header != null ? " with Session-Restart" : ""), 1, Integer::sum);
            // The page's script shows a toast for every failed call; staleguard.js (with Staleguard only) holds a
            // 401 carrying Session-Restart back instead and navigates to it, once.
            boolean heldBack = mode.equals("with") && r.statusCode() == 401 && header != null;
            if (heldBack && restart == null) {
                restart = header;
            }
            if (r.statusCode() >= 400 && !heldBack) {
                toasts++;
            }
        }
        StringBuilder saw = new StringBuilder("SPA signed in as alice; the proxy switches to bob; 6 API calls at once"
                + " → ").append(counts(answers)).append(": ");
        boolean ok;
        if (mode.equals("without")) {
            saw.append("**").append(toasts).append(" error toasts**, no navigation");
            ok = alice && toasts == SPA_CALLS.size();
        } else {
            String now = "";
            if (restart != null) {
                b.navigate(restart);
                now = field(b.api("GET", app + "api/me", null).body(), "user");
            }
            saw.append(toasts).append(" error toasts, staleguard.js navigates once to ").append(relative(restart))
                    .append(" → signed in as ").append(now.isEmpty() ? "nobody" : now.replace("@example.com", ""));
            ok = alice && toasts == 0 && restart != null && now.equals("bob@example.com");
        }
        return row("3 · identity switch: single-page app", mode, saw, b.cookiesAt(contextPath + "/" + app), events,
                ok);
    }

    private Row identityWildcard(String mode) throws IOException, InterruptedException {
        Browser b = new Browser(base);
        long events = eventCount();
        String home = "incident3/" + mode + "/";
        boolean alice = b.navigate(home).body().contains("Signed in as Alice");
        b.api("POST", "incident3/proxy", Map.of("as", "%@%.%"));
        HttpResponse<String> page = b.navigate(home);
        StringBuilder saw = new StringBuilder("signed in as alice; the proxy sends `%@%.%` → page ")
                .append(status(page));
        boolean ok;
        if (mode.equals("without")) {
            ok = alice && page.statusCode() == 200 && page.body().contains("Signed in as Alice");
            saw.append(" “Signed in as Alice (admin)”: **still alice's session**");
        } else {
            HttpResponse<String> after = b.follow(page);
            saw.append(" same URL (").append(expired(page)).append(") → ").append(status(after))
                    .append(after.statusCode() == 403 ? " “no account for %@%.%”: it matched nobody" : "");
            ok = alice && page.statusCode() == 303 && after.statusCode() == 403;
        }
        return row("3 · identity switch: `%@%.%` header", mode, saw, b.cookiesAt(contextPath + "/" + home), events,
                ok);
    }

    private Row outage(String mode) throws IOException, InterruptedException {
        Browser b = new Browser(base);
        long events = eventCount();
        String app = "incident4/" + mode + "/";
        boolean signedIn = b.follow(b.submit(app + "login", Map.of("user", "alice"))).body()
                .contains("Signed in as alice");
        HttpResponse<String> during;
        b.api("POST", "incident4/outage", Map.of("action", "start"));
        try {
            during = b.navigate(app);
        } finally {
            b.api("POST", "incident4/outage", Map.of("action", "end"));
        }
        HttpResponse<String> after = b.follow(b.navigate(app));
        boolean sameSession = after.statusCode() == 200 && after.body().contains("Signed in as alice");
        String saw = "signed in; the store goes down → dashboard " + status(during)
                + during.headers().firstValue("Retry-After").map(s -> ", Retry-After: " + s).orElse("")
                + (during.statusCode() == 303 ? " " + relative(during.headers().firstValue("Location").orElse("")) : "")
                + " (" + expired(during) + "); the store is back → " + status(after)
                + (sameSession ? " “Signed in as alice”, the same session" : " sign-in page: **signed out by a blip**");
        boolean ok = mode.equals("without") ? signedIn && during.statusCode() == 303 && !sameSession
                : signedIn && during.statusCode() == 503 && expired(during).equals("nothing expired") && sameSession;
        return row("4 · transient “session not found”: store outage", mode, saw, b.cookiesAt(contextPath + "/" + app),
                events, ok);
    }

    private Row reallyGone(String mode) throws IOException, InterruptedException {
        Browser b = new Browser(base);
        long events = eventCount();
        String app = "incident4/" + mode + "/";
        b.follow(b.submit(app + "login", Map.of("user", "alice")));
        b.submit(app + "end-session", Map.of());
        HttpResponse<String> gone = b.navigate(app);
        HttpResponse<String> next = b.follow(gone);
        HttpResponse<String> again = b.navigate(app);
        boolean signInPage = next.statusCode() == 200 && next.body().contains("<h2>Sign in</h2>");
        String saw = "signed in; the session ends on the server → dashboard " + status(gone) + " "
                + relative(gone.headers().firstValue("Location").orElse("")) + " (" + expired(gone) + ") → "
                + status(next) + " sign-in page; reload → " + status(again) + (again.statusCode() == 200 ? ", no loop"
                        : "");
        boolean ok = gone.statusCode() == 303 && expired(gone).contains("dash_session") && signInPage
                && again.statusCode() == 200;
        Row r = row("4 · transient “session not found”: really gone", mode, saw, b.cookiesAt(contextPath + "/" + app),
                events, ok);
        if (mode.equals("with") && !r.events().equals("NOT_FOUND")) {
            return new Row(r.incident(), r.mode(), r.saw(), r.cookiesLeft(), r.events(), false, r.millis());
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    @FunctionalInterface
    private interface Run {
        Row play() throws IOException, InterruptedException;
    }

    private static Row timed(Run run) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Row r = run.play();
        return new Row(r.incident(), r.mode(), r.saw(), r.cookiesLeft(), r.events(), r.asExpected(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private Row row(String incident, String mode, CharSequence saw, String cookiesLeft, long eventsBefore,
            boolean asExpected) throws IOException, InterruptedException {
        return new Row(incident, mode, saw.toString(), cookiesLeft, eventsSince(eventsBefore), asExpected, 0);
    }

    private long eventCount() throws IOException, InterruptedException {
        return Long.parseLong(field(new Browser(base).api("GET", "events", null).body(), "total"));
    }

    /** The reasons of the events since {@code before}, oldest first; "none" when there were none. */
    private String eventsSince(long before) throws IOException, InterruptedException {
        String json = new Browser(base).api("GET", "events", null).body();
        long total = Long.parseLong(field(json, "total"));
        List<String> reasons = new ArrayList<>();
        Matcher m = Pattern.compile("\"reason\":\"([A-Z_]+)\"").matcher(json);
        while (m.find() && reasons.size() < total - before) {
            reasons.add(0, m.group(1));
        }
        return reasons.isEmpty() ? "none" : String.join(", ", reasons);
    }

    private static HttpResponse<String> join(CompletableFuture<HttpResponse<String>> f)
            throws IOException, InterruptedException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private static String status(HttpResponse<String> r) {
        return Integer.toString(r.statusCode());
    }

    private static String counts(Map<String, Integer> answers) {
        return answers.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The cookies a response expired, or "nothing expired". */
    private static String expired(HttpResponse<String> r) {
        List<String> names = new ArrayList<>();
        for (String header : r.headers().allValues("Set-Cookie")) {
            try {
                // Max-Age=0, or only an Expires in the past (what some servers write for Cookie.setMaxAge(0))
                for (HttpCookie c : HttpCookie.parse(header)) {
                    if (c.getMaxAge() == 0 && !names.contains(c.getName())) {
                        names.add(c.getName());
                    }
                }
            } catch (IllegalArgumentException unreadable) {
                names.add("(unreadable Set-Cookie)");
            }
        }
        return names.isEmpty() ? "nothing expired" : String.join(", ", names) + " expired";
    }

    /** A location without the context path, for the table. */
    private String relative(String location) {
        if (location == null) {
            return "–";
        }
        String path = URI.create(location).getRawPath();
        String query = URI.create(location).getRawQuery();
        String shown = path.startsWith(contextPath + "/") ? path.substring(contextPath.length()) : path;
        if (query != null) {
            shown += "?" + (query.length() > 40 ? query.substring(0, 37) + "…" : query);
        }
        return "`" + shown + "`";
    }

    /** A field of a flat JSON object, as text: a string's content, or a literal; "" when absent. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name)
                + "\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,}\\s]+))").matcher(json);
        if (!m.find()) {
            return "";
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** The Markdown table of {@code rows}. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder("| incident | mode | what the user saw | cookies left | SessionEnded | "
                + "as expected | ms |\n|---|---|---|---|---|---|---:|\n");
        for (Row r : rows) {
            b.append("| ").append(r.incident()).append(" | ").append(r.mode()).append(" | ").append(cell(r.saw()))
                    .append(" | ").append(cell(r.cookiesLeft())).append(" | ").append(r.events()).append(" | ")
                    .append(r.asExpected() ? "yes" : "**NO**").append(" | ").append(r.millis()).append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * A browser's HTTP side: a cookie jar, no automatic redirects, and a browser's request headers. Targets are
     * resolved against the example's start page: {@code "incident2/with/"}, or a path from the server root.
     */
    static final class Browser {

        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT).build();
        private final URI base;

        Browser(URI base) {
            this.base = base;
        }

        /** A page load: {@code GET} with {@code Sec-Fetch-Mode: navigate}. */
        HttpResponse<String> navigate(String target) throws IOException, InterruptedException {
            return send(request(target).header("Accept", "text/html,application/xhtml+xml")
                    .header("Sec-Fetch-Mode", "navigate").GET().build());
        }

        /** A form post in the page. */
        HttpResponse<String> submit(String target, Map<String, String> form) throws IOException, InterruptedException {
            return send(request(target).header("Accept", "text/html,application/xhtml+xml")
                    .header("Sec-Fetch-Mode", "navigate").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
        }

        /** A script's call; {@code form} null for a GET. */
        HttpResponse<String> api(String method, String target, Map<String, String> form)
                throws IOException, InterruptedException {
            return send(apiRequest(method, target, form));
        }

        CompletableFuture<HttpResponse<String>> apiAsync(String target) {
            return http.sendAsync(apiRequest("GET", target, null), HttpResponse.BodyHandlers.ofString());
        }

        /** Follows 3xx answers as a browser does, with page loads. */
        HttpResponse<String> follow(HttpResponse<String> r) throws IOException, InterruptedException {
            for (int hops = 0; hops < 10 && r.statusCode() / 100 == 3; hops++) {
                r = navigate(r.uri().resolve(r.headers().firstValue("Location").orElseThrow()).toString());
            }
            return r;
        }

        /** The names of the cookies the jar would send to {@code path}. */
        String cookiesAt(String path) {
            List<String> names = new ArrayList<>();
            for (HttpCookie c : cookies.getCookieStore().get(base.resolve(path))) {
                if (!names.contains(c.getName())) {
                    names.add(c.getName());
                }
            }
            return names.isEmpty() ? "none" : String.join(", ", names);
        }

        private HttpRequest apiRequest(String method, String target, Map<String, String> form) {
            HttpRequest.Builder b = request(target).header("Accept", "application/json")
                    .header("Sec-Fetch-Mode", "cors");
            if (form == null) {
                return b.GET().build();
            }
            return b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form(form))).build();
        }

        private HttpRequest.Builder request(String target) {
            return HttpRequest.newBuilder(base.resolve(target)).timeout(TIMEOUT);
        }

        private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new IOException("cannot connect to " + request.uri(), e);
            }
        }

        private static String form(Map<String, String> form) {
            Map<String, String> ordered = new LinkedHashMap<>(form);
            return ordered.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        }
    }
}

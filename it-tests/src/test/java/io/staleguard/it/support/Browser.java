package io.staleguard.it.support;

import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's browser, as far as cookies and redirects go: {@link HttpClient} with a real {@link CookieManager}, so
 * whether a {@code Set-Cookie} stores, replaces or deletes a cookie is decided by the JDK's cookie handling, not by the
 * tests. Redirects are followed here, one hop at a time, so every status the user would have seen is recorded and every
 * intermediate response can be inspected raw.
 * <p>
 * Page loads and form posts carry what a browser sends on a navigation ({@code Accept: text/html…},
 * {@code Sec-Fetch-Mode: navigate}); {@link #fetch} sends what a script's {@code fetch()} without fetch metadata sends.
 */
public final class Browser {

    /** Every response one request received: the method, the URL and the raw response. */
    public record Hop(String method, URI uri, HttpResponse<String> response) {
        public int status() {
            return response.statusCode();
        }

        @Override
        public String toString() {
            return method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " -> " + response.statusCode();
        }
    }

    private static final int MAX_REDIRECTS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern FORM = Pattern.compile("<form[^>]*\\bid=\"([^\"]+)\"[^>]*\\baction=\"([^\"]+)\"");

    /** The default policy, like a browser: cookies only from the server that answers, Domain attributes checked. */
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            // Browsers never upgrade plain http to h2c; Undertow would accept it.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    /** Written by the threads of {@link #fetchAsync} too. */
    private final List<Hop> history = new CopyOnWriteArrayList<>();
    /** Headers added to every request, as a forward-auth proxy in front of the application adds them. */
    private final Map<String, String> proxyHeaders = new LinkedHashMap<>();

    /**
     * From now on every request carries {@code name: value}, as if a trusted proxy in front of the application added
     * it (the SSO proxy's identity header); a null value stops sending it.
     */
    public Browser proxyHeader(String name, String value) {
        if (value == null) {
            proxyHeaders.remove(name);
        } else {
            proxyHeaders.put(name, value);
        }
        return this;
    }

    /** A page load (address bar, link or redirect): GET with navigation headers. */
    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send("GET", uri, navigation(HttpRequest.newBuilder(uri)).GET());
    }

    /** A form submission: POST with navigation headers and a urlencoded body. */
    public HttpResponse<String> post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
        return send("POST", uri, navigation(HttpRequest.newBuilder(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlencoded(form))));
    }

    /**
     * A script's or API client's call: {@code Accept: application/json} and no fetch metadata (no
     * {@code Sec-Fetch-Mode}), as older browsers and non-browser clients send it. {@code form} may be null.
     */
    public HttpResponse<String> fetch(String method, URI uri, Map<String, String> form)
            throws IOException, InterruptedException {
        return send(method, uri, script(method, uri, form));
    }

    /**
     * {@link #fetch} without waiting for the answer: a page's scripts firing several calls at once. The calls share
     * this browser's cookie jar, which takes each response's {@code Set-Cookie} headers as they arrive.
     */
    public CompletableFuture<HttpResponse<String>> fetchAsync(String method, URI uri) {
        HttpRequest.Builder builder = script(method, uri, null);
        proxyHeaders.forEach(builder::header);
        return client.sendAsync(builder.timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(response -> {
                    history.add(new Hop(method, uri, response));
                    return response;
                });
    }

    private static HttpRequest.Builder script(String method, URI uri, Map<String, String> form) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
        if (form == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(urlencoded(form)));
        }
        return builder;
    }

    /** Follows redirects from {@code response} the way a browser does (303 and 302 become GET), up to ten hops. */
    public HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        HttpResponse<String> current = response;
        for (int hops = 0; isRedirect(current.statusCode()); hops++) {
            if (hops == MAX_REDIRECTS) {
                throw new AssertionError("redirect loop: " + history);
            }
            if (current.statusCode() == 307 || current.statusCode() == 308) {
                throw new AssertionError("these flows never use 307/308: " + history);
            }
            current = get(location(current));
        }
        return current;
    }

    /** GET and follow: what typing a URL does. */
    public HttpResponse<String> open(URI uri) throws IOException, InterruptedException {
        return follow(get(uri));
    }

    /**
     * Submits the form with {@code id} on {@code page} (its {@code action} attribute, resolved against the page's URL)
     * and follows the answer.
     */
    public HttpResponse<String> submit(HttpResponse<String> page, String formId, Map<String, String> fields)
            throws IOException, InterruptedException {
        return follow(post(formAction(page, formId), fields));
    }

    /** The absolute URL a form on {@code page} posts to. */
    public static URI formAction(HttpResponse<String> page, String formId) {
        Matcher m = FORM.matcher(page.body());
        while (m.find()) {
            if (m.group(1).equals(formId)) {
                return page.uri().resolve(m.group(2).replace("&amp;", "&"));
            }
        }
        throw new AssertionError("no form '" + formId + "' on " + page.uri() + ":\n" + page.body());
    }

    /** The Location header of a redirect, resolved against the request URL. */
    public static URI location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError(response.statusCode() + " without Location from " + response.uri()));
        return response.uri().resolve(location);
    }

    /** Every request and its status, in order. */
    public List<Hop> history() {
        return List.copyOf(history);
    }

    /** Every status code the user saw, in order. */
    public List<Integer> statuses() {
        return history.stream().map(Hop::status).toList();
    }

    /** The cookies in the jar called {@code name}, any path. */
    public List<HttpCookie> cookies(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList();
    }

    /** The value of the only cookie in the jar called {@code name}. */
    public String cookie(String name) {
        List<HttpCookie> found = cookies(name);
        if (found.size() != 1) {
            throw new AssertionError("expected one cookie " + name + " but the jar holds " + found);
        }
        return found.get(0).getValue();
    }

    /** Every cookie in the jar, as {@code name@path}, for assertion messages. */
    public String jar() {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        cookies.getCookieStore().getCookies().forEach(c -> j.add(c.getName() + "@" + c.getPath()));
        return j.toString();
    }

    private HttpResponse<String> send(String method, URI uri, HttpRequest.Builder builder)
            throws IOException, InterruptedException {
        proxyHeaders.forEach(builder::header);
        HttpResponse<String> response = client.send(builder.timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        history.add(new Hop(method, uri, response));
        return response;
    }

    private static HttpRequest.Builder navigation(HttpRequest.Builder builder) {
        return builder
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document");
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    public static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    private static String urlencoded(Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }
}

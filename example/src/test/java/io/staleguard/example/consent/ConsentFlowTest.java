package io.staleguard.example.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.mock.web.MockServletContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.staleguard.EndReason;
import io.staleguard.SessionEnded;
import io.staleguard.SessionNotFoundException;
import io.staleguard.StaleSessionFilter;
import io.staleguard.example.ErrorPageServlet;
import io.staleguard.example.ExampleApp;
import io.staleguard.example.Mode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;

/**
 * Incident 1 as the tour plays it, without a server: the example's servlets behind the {@code StaleSessionFilter}
 * configured exactly as {@code WEB-INF/web.xml} configures it, driven by a small browser that keeps cookies by
 * Path and a container that keeps sessions. It proves the example's wiring (paths, cookie specs, error page), not
 * Staleguard's behaviours, which the filter's own tests prove; the real-server flows are in it-tests.
 */
class ConsentFlowTest {

    private static final String CTX = "/staleguard-example";
    private static final String FILTER = "staleguard-incident1";

    private final MockServletContext context = new MockServletContext();
    private final ExampleApp app = new ExampleApp();
    private final StaleSessionFilter filter = new StaleSessionFilter();
    private final ProviderServlet provider = new ProviderServlet();
    private final ClientServlet client = new ClientServlet();
    private final ErrorPageServlet errorPage = new ErrorPageServlet();
    private WebXml webXml;
    private Browser browser;

    @BeforeEach
    void deploy() throws Exception {
        context.setContextPath(CTX);
        app.contextInitialized(new ServletContextEvent(context));
        webXml = WebXml.read(Path.of("src/main/webapp/WEB-INF/web.xml"), FILTER);
        MockFilterConfig filterConfig = new MockFilterConfig(context, FILTER);
        webXml.initParams.forEach(filterConfig::addInitParameter);
        filter.init(filterConfig);
        for (HttpServlet servlet : List.of(provider, client, errorPage)) {
            servlet.init(new MockServletConfig(context));
        }
        browser = new Browser();
    }

    @AfterEach
    void undeploy() {
        filter.destroy();
    }

    @Test
    @DisplayName("B1/B3/B5/B7 wiring: with Staleguard, Allow access after a redeploy restarts at the original "
            + "/authorize and completes")
    void withStaleguardTheFlowHeals() throws Exception {
        String state = signInAndReachConsent(Mode.WITH);
        String interaction = browser.location;
        app.redeploy();

        MockHttpServletResponse allow = browser.post(interaction + "/confirm");

        assertEquals(303, allow.getStatus());
        assertEquals(CTX + "/incident1/with/authorize?response_type=code&client_id=demo-client&redirect_uri="
                + "%2Fstaleguard-example%2Fclient%2Fcallback&scope=openid+profile&state=" + state,
                allow.getHeader("Location"),
                "the restart target is the authorization request the flow started with, state included");
        assertTrue(expires(allow, "_interaction", CTX + "/incident1/with/interaction"),
                "the interaction cookie is expired on the Path the provider set it with: "
                        + allow.getHeaders("Set-Cookie"));
        assertTrue(expires(allow, "JSESSIONID", CTX),
                "the dead session cookie is expired: " + allow.getHeaders("Set-Cookie"));
        assertEquals(List.of(EndReason.NOT_FOUND), app.events().recent().stream().map(SessionEnded::reason).toList(),
                "one SessionEnded reached the example's listener");

        MockHttpServletResponse restarted = browser.get(allow.getHeader("Location"));
        MockHttpServletResponse login = browser.get(restarted.getHeader("Location"));
        assertTrue(login.getContentAsString().contains("Staleguard saw your “Allow access” fail"),
                "the restarted login page says what happened");
        browser.post(browser.location + "/login", "login", "alice");
        browser.get(browser.location);
        MockHttpServletResponse done = browser.follow(browser.post(browser.location + "/confirm"));

        assertEquals(200, done.getStatus());
        assertTrue(done.getContentAsString().contains("Welcome, alice"), done.getContentAsString());
    }

    @Test
    @DisplayName("Without Staleguard, Allow access after a redeploy dead-ends in the provider's 400 and keeps the "
            + "stale cookies")
    void withoutStaleguardTheFlowDeadEnds() throws Exception {
        signInAndReachConsent(Mode.WITHOUT);
        String interaction = browser.location;
        app.redeploy();

        MockHttpServletResponse allow = browser.post(interaction + "/confirm");

        assertEquals(400, allow.getStatus());
        assertTrue(allow.getContentAsString().contains("invalid_request: session not found"));
        assertTrue(allow.getHeaders("Set-Cookie").isEmpty(),
                "nothing is cleaned up: " + allow.getHeaders("Set-Cookie"));
        assertNotNull(browser.cookie("_interaction"), "the stale interaction cookie stays in the browser");
        assertTrue(app.events().recent().isEmpty());
    }

    @Test
    @DisplayName("web.xml covers only the /with/ space, and its cookie spec names the Path the provider uses")
    void webXmlMatchesTheProvider() {
        assertEquals(List.of(ConsentIncident.PATH + "/with/*"), webXml.urlPatterns);
        assertEquals(ConsentIncident.INTERACTION_COOKIE + ";path="
                + ConsentIncident.interactionCookiePath(CTX, Mode.WITH), webXml.initParams.get("cookies"));
        assertEquals(ConsentIncident.PATH + "/with/authorize", webXml.initParams.get("restart-capture-paths"));
    }

    private static boolean expires(MockHttpServletResponse response, String name, String path) {
        return Arrays.stream(response.getCookies()).anyMatch(c -> c.getName().equals(name) && c.getValue().isEmpty()
                && path.equals(c.getPath()) && c.getMaxAge() == 0);
    }

    /** Runs the happy part of the flow; leaves the browser on the consent page. @return the client's state */
    private String signInAndReachConsent(Mode mode) throws Exception {
        MockHttpServletResponse start = browser.get(CTX + "/client/start?mode=" + mode.segment());
        String location = start.getHeader("Location");
        String state = location.substring(location.indexOf("&state=") + 7);
        MockHttpServletResponse authorize = browser.get(location);
        String interaction = authorize.getHeader("Location");
        assertTrue(browser.get(interaction).getContentAsString().contains("Sign in to continue"));
        browser.post(interaction + "/login", "login", "alice");
        assertTrue(browser.get(interaction).getContentAsString().contains("Allow access</button>"));
        return state;
    }

    /**
     * The browser and the container in one: a cookie jar that honours Path and Max-Age=0, sessions found by their
     * JSESSIONID cookie, the filter mapping and the error page of web.xml, and the servlets' URL patterns.
     */
    private final class Browser {

        private final Map<String, String[]> jar = new LinkedHashMap<>();
        private final Map<String, MockHttpSession> sessions = new LinkedHashMap<>();
        String location;

        MockHttpServletResponse get(String url) throws Exception {
            return exchange("GET", url, null, null);
        }

        MockHttpServletResponse post(String url) throws Exception {
            return exchange("POST", url, null, null);
        }

        MockHttpServletResponse post(String url, String name, String value) throws Exception {
            return exchange("POST", url, name, value);
        }

        MockHttpServletResponse follow(MockHttpServletResponse response) throws Exception {
            while (response.getStatus() == 303) {
                response = get(response.getHeader("Location"));
            }
            return response;
        }

        String cookie(String name) {
            return jar.values().stream().filter(c -> c[0].equals(name)).map(c -> c[1]).findFirst().orElse(null);
        }

        private MockHttpServletResponse exchange(String method, String url, String param, String value)
                throws Exception {
            int q = url.indexOf('?');
            String uri = q < 0 ? url : url.substring(0, q);
            MockHttpServletRequest req = new MockHttpServletRequest(context, method, uri);
            req.setContextPath(CTX);
            req.addHeader("Accept", "text/html");
            req.addHeader("Sec-Fetch-Mode", "navigate");
            if (q >= 0) {
                req.setQueryString(url.substring(q + 1));
                for (String pair : url.substring(q + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    req.addParameter(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            if (param != null) {
                req.addParameter(param, value);
            }
            List<Cookie> sent = new ArrayList<>();
            for (String[] c : jar.values()) {
                if (uri.equals(c[2]) || uri.startsWith(c[2].endsWith("/") ? c[2] : c[2] + "/")) {
                    sent.add(new Cookie(c[0], c[1]));
                }
            }
            req.setCookies(sent.toArray(Cookie[]::new));
            String sessionId = cookie("JSESSIONID");
            MockHttpSession session = sessionId == null ? null : sessions.get(sessionId);
            boolean alive = session != null && !session.isInvalid();
            if (sessionId != null) {
                req.setRequestedSessionId(sessionId);
                req.setRequestedSessionIdValid(alive);
                req.setRequestedSessionIdFromCookie(true);
            }
            if (alive) {
                req.setSession(session);
            }

            MockHttpServletResponse res = new MockHttpServletResponse();
            String path = uri.substring(CTX.length());
            try {
                dispatch(path, req, res);
            } catch (Exception e) {
                if (!(e instanceof SessionNotFoundException || e.getCause() instanceof SessionNotFoundException)) {
                    throw e;
                }
                res.reset();
                req.setAttribute(RequestDispatcher.ERROR_EXCEPTION, e);
                req.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
                req.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
                errorPage.service(req, res);
            }

            HttpSession now = req.getSession(false);
            if (now != null && now != session) {
                sessions.put(now.getId(), (MockHttpSession) now);
                app.sessionCreated(new HttpSessionEvent(now));
                store("JSESSIONID=" + now.getId() + "; Path=" + CTX);
            }
            res.getHeaders("Set-Cookie").forEach(this::store);
            location = res.getStatus() == 303 ? res.getHeader("Location") : location;
            return res;
        }

        private void dispatch(String path, MockHttpServletRequest req, MockHttpServletResponse res) throws Exception {
            String[] segments = path.split("/", 4);
            if (path.startsWith("/client/")) {
                req.setServletPath("/client");
                req.setPathInfo(path.substring("/client".length()));
                client.service(req, res);
                return;
            }
            String servletPath = "/" + segments[1] + "/" + segments[2];
            req.setServletPath(servletPath);
            req.setPathInfo(path.substring(servletPath.length()));
            if (webXml.urlPatterns.contains(servletPath + "/*")) {
                filter.doFilter(req, res, new MockFilterChain(provider));
            } else {
                provider.service(req, res);
            }
        }

        private void store(String setCookie) {
            String[] parts = setCookie.split(";");
            String[] nameValue = parts[0].trim().split("=", 2);
            String cookiePath = "/";
            boolean expired = false;
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].trim();
                String lower = attribute.toLowerCase(Locale.ROOT);
                if (lower.startsWith("path=")) {
                    cookiePath = attribute.substring(5);
                } else if (lower.equals("max-age=0")) {
                    expired = true;
                }
            }
            String key = nameValue[0] + "|" + cookiePath;
            if (expired) {
                jar.remove(key);
            } else {
                jar.put(key, new String[] {nameValue[0], nameValue[1], cookiePath});
            }
        }
    }

    /** The parts of web.xml this test depends on. */
    private record WebXml(Map<String, String> initParams, List<String> urlPatterns) {

        static WebXml read(Path file, String filterName) throws Exception {
            Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(file.toFile());
            Map<String, String> params = new LinkedHashMap<>();
            List<String> patterns = new ArrayList<>();
            NodeList filters = doc.getElementsByTagNameNS("*", "filter");
            for (int i = 0; i < filters.getLength(); i++) {
                Element f = (Element) filters.item(i);
                if (filterName.equals(text(f, "filter-name"))) {
                    NodeList ps = f.getElementsByTagNameNS("*", "init-param");
                    for (int j = 0; j < ps.getLength(); j++) {
                        params.put(text((Element) ps.item(j), "param-name"), text((Element) ps.item(j), "param-value"));
                    }
                }
            }
            NodeList mappings = doc.getElementsByTagNameNS("*", "filter-mapping");
            for (int i = 0; i < mappings.getLength(); i++) {
                Element m = (Element) mappings.item(i);
                if (filterName.equals(text(m, "filter-name"))) {
                    patterns.add(text(m, "url-pattern"));
                }
            }
            return new WebXml(params, patterns);
        }

        private static String text(Element parent, String tag) {
            return parent.getElementsByTagNameNS("*", tag).item(0).getTextContent().trim();
        }
    }
}

package io.staleguard.it.cdi.faces;

import static io.staleguard.it.cdi.Answers.assertRestart;
import static io.staleguard.it.support.SetCookie.assertExpiredOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.staleguard.it.cdi.CdiApp;
import io.staleguard.it.cdi.ConsentFlow;
import io.staleguard.it.cdi.SessionEvents;
import io.staleguard.it.consent.ConsentApp;
import io.staleguard.it.support.Browser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * C1 with Faces (WildFly's Mojarra): the consent page is a Facelet whose "Allow access" action is an
 * {@code @Interaction} bean method. With client-side state saving the view restores although the session is gone, so
 * only the action sees it; the interceptor writes the recovery and completes the Faces request, so no view is rendered
 * over it ({@link RenderProbe} tells).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("C1 B4: @Interaction on a Faces action (WildFly)")
class FacesInteractionIT {

    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");

    @Deployment(testable = false)
    static WebArchive app() {
        return CdiApp.withStaleguard(CdiApp.core("cdi-faces.war"), true)
                .addClasses(ConsentAction.class, RenderProbe.class, RenderProbe.Phases.class, RenderProbe.Requests.class,
                        RenderProbe.Endpoint.class)
                .addAsWebResource(FacesInteractionIT.class.getPackage(), "consent.xhtml", "consent.xhtml")
                .addAsWebInfResource(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <faces-config xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0">
                            <lifecycle>
                                <phase-listener>%s</phase-listener>
                            </lifecycle>
                        </faces-config>
                        """.formatted(RenderProbe.Phases.class.getName())), "faces-config.xml")
                .setWebXML(new StringAsset(CdiApp.webXml("""
                            <context-param>
                                <param-name>jakarta.faces.STATE_SAVING_METHOD</param-name>
                                <param-value>client</param-value>
                            </context-param>
                            <servlet>
                                <servlet-name>faces</servlet-name>
                                <servlet-class>jakarta.faces.webapp.FacesServlet</servlet-class>
                            </servlet>
                            <servlet-mapping>
                                <servlet-name>faces</servlet-name>
                                <url-pattern>*.xhtml</url-pattern>
                            </servlet-mapping>
                        """)));
    }

    @Test
    @DisplayName("C1 B3 B4 E1, full post of a stale consent page: 303 to /authorize, JSESSIONID expired, one event, "
            + "no Faces error page; the fresh consent completes through the same page")
    void fullPostRecovers(@ArquillianResource URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        HttpResponse<String> page = consentPage(browser, base, "faces");
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);

        URI action = Browser.formAction(page, "consent");
        HttpResponse<String> recovery = browser.post(action, allow(page));

        assertRestart(recovery, context + "/authorize", context);
        events.assertOne(action.getRawPath(), staleSessionId);
        assertEquals("not rendered", renderedAfterPost(base), "Faces rendered over the recovery");

        assertEquals(200, browser.follow(recovery).statusCode(), browser.history()::toString);
        HttpResponse<String> fresh = browser.get(URI.create(base + "consent.xhtml"));
        HttpResponse<String> callback = browser.follow(browser.post(Browser.formAction(fresh, "consent"),
                allow(fresh)));
        assertEquals("not rendered", renderedAfterPost(base), "a redirect renders nothing either");
        assertEquals(200, callback.statusCode(), browser.history()::toString);
        assertTrue(callback.body().contains("demo-client signed in (state fresh)"), callback::body);
        assertEquals(1, events.since().size(), "the fresh consent ended no session");
    }

    @Test
    @DisplayName("C1 B3 B4 E1, Ajax post (Faces-Request: partial/ajax) of a stale consent page: 200 "
            + "<partial-response><redirect url=\"/authorize\"/>, JSESSIONID expired, one event")
    void ajaxPostGetsAPartialResponseRedirect(@ArquillianResource URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        HttpResponse<String> page = consentPage(browser, base, "faces-ajax");
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);

        URI action = Browser.formAction(page, "consent");
        HttpResponse<String> recovery = browser.facesAjax(action, Map.of(
                "consent", "consent",
                "jakarta.faces.ViewState", viewState(page),
                "jakarta.faces.source", "consent:allowAjax",
                "jakarta.faces.partial.event", "click",
                "jakarta.faces.partial.execute", "consent:allowAjax",
                "jakarta.faces.partial.ajax", "true",
                "jakarta.faces.behavior.event", "action"));

        assertEquals(200, recovery.statusCode(), recovery::body);
        assertTrue(recovery.headers().firstValue("Content-Type").orElse("").contains("xml"),
                () -> recovery.headers().map().toString());
        assertTrue(recovery.body().contains("<partial-response><redirect url=\"" + context + "/authorize\"/>"
                + "</partial-response>"), recovery::body);
        assertEquals("no-store", recovery.headers().firstValue("Cache-Control").orElse(null));
        assertExpiredOnce(recovery, "JSESSIONID", context);
        assertEquals(List.of(), browser.cookies("JSESSIONID"), browser.jar());
        events.assertOne(action.getRawPath(), staleSessionId);
        assertEquals("not rendered", renderedAfterPost(base), "Faces rendered over the recovery");
    }

    /** {@link RenderProbe}: whether Faces rendered the view for the next post to finish. */
    private static String renderedAfterPost(URL base) throws Exception {
        return new Browser().get(URI.create(base + "test/faces-render")).body();
    }

    /** Starts a consent ({@code /authorize}) and opens the Facelet that gives it. */
    private static HttpResponse<String> consentPage(Browser browser, URL base, String state) throws Exception {
        assertEquals(200, browser.open(ConsentFlow.authorize(base, state)).statusCode());
        HttpResponse<String> page = browser.get(URI.create(base + "consent.xhtml"));
        assertEquals(200, page.statusCode(), page::body);
        return page;
    }

    /** The fields a browser submits for the full-post "Allow access" button. */
    private static Map<String, String> allow(HttpResponse<String> page) {
        return Browser.form("consent", "consent", "consent:allow", "Allow access",
                "jakarta.faces.ViewState", viewState(page));
    }

    private static String viewState(HttpResponse<String> page) {
        Matcher m = VIEW_STATE.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no view state on " + page.uri() + ":\n" + page.body());
        }
        return m.group(1);
    }
}

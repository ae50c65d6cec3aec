package io.staleguard.it.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.staleguard.it.support.Browser;

/** The user's side of the provider's pages: what a person clicks, one step at a time. */
public final class SignIn {

    private SignIn() {
    }

    /** Opens the client's authorization URL and signs in: returns the consent page ("Allow access?"). */
    public static HttpResponse<String> toConsent(Browser browser, URL base, String state, String user)
            throws IOException, InterruptedException {
        HttpResponse<String> login = browser.open(ConsentApp.authorize(base, state));
        return fromLoginPage(browser, login, user);
    }

    /** Signs in on a login page: returns the consent page. */
    public static HttpResponse<String> fromLoginPage(Browser browser, HttpResponse<String> login, String user)
            throws IOException, InterruptedException {
        assertEquals(200, login.statusCode(), () -> "login page: " + browser.history());
        HttpResponse<String> consent = browser.submit(login, "login", Browser.form("username", user, "password", "pw"));
        assertEquals(200, consent.statusCode(), () -> "consent page: " + browser.history());
        assertTrue(consent.body().contains("id=\"consent\""), consent::body);
        return consent;
    }

    /** Clicks "Allow access" on the consent page; returns the first response, unfollowed. */
    public static HttpResponse<String> allow(Browser browser, HttpResponse<String> consent)
            throws IOException, InterruptedException {
        return browser.post(Browser.formAction(consent, "consent"), Browser.form());
    }
}

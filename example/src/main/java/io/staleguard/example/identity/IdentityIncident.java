package io.staleguard.example.identity;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.staleguard.example.Mode;

/**
 * Incident 3, "identity switch behind an SSO proxy": the names and paths the simulated proxy, the demo wiki and
 * {@code web.xml} share, and the wiki's accounts. Everything of this incident lives under {@value #PATH}.
 */
public final class IdentityIncident {

    public static final String PATH = "/incident3";
    public static final String TITLE = "Identity switch behind an SSO proxy";
    public static final String CRUMB = "Incident 3 · " + TITLE;

    /** The header in which the SSO proxy names the signed-in user; web.xml's identity-header names it. */
    public static final String IDENTITY_HEADER = "X-Auth-Request-Email";
    /** The wiki's session attribute holding the signed-in user; web.xml's identity-attribute names it. */
    public static final String SESSION_ATTRIBUTE = "user.email";
    /** The simulated proxy's cookie: whom it vouches for. */
    public static final String PROXY_COOKIE = "sso_proxy";
    /** Whom the proxy vouches for before the tour switches it. */
    public static final String DEFAULT_USER = "alice@example.com";
    /** The header value that once matched every user through a LIKE query. */
    public static final String WILDCARD = "%@%.%";
    /** The users the tour's proxy panel offers. */
    public static final List<String> PROXY_CHOICES = List.of(DEFAULT_USER, "bob@example.com", WILDCARD);

    /** One wiki account and what it can see. */
    public record Account(String email, String name, Map<String, String> data) {
    }

    private static final Map<String, Account> ACCOUNTS = Map.of(
            "alice@example.com", new Account("alice@example.com", "Alice (admin)", Map.of(
                    "me", "Alice (admin), alice@example.com",
                    "documents", "Payroll 2026 · Board minutes · Q3 roadmap",
                    "collections", "Finance · Leadership",
                    "starred", "Payroll 2026",
                    "recent", "Board minutes, edited 2 min ago",
                    "members", "12 members, you are an admin")),
            "bob@example.com", new Account("bob@example.com", "Bob", Map.of(
                    "me", "Bob, bob@example.com",
                    "documents", "Onboarding notes · Team lunch poll",
                    "collections", "Engineering",
                    "starred", "Onboarding notes",
                    "recent", "Team lunch poll, edited 1 h ago",
                    "members", "12 members")));

    /** The API resources the single-page app loads at once, as a real one does on start-up. */
    public static final List<String> API_CALLS = List.of("me", "documents", "collections", "starred", "recent",
            "members");

    private IdentityIncident() {
    }

    /**
     * The wiki's account lookup: an exact match after trimming and lower-casing, never a pattern, so {@code %@%.%} is
     * nobody. (The incident's application looked users up with {@code ILIKE}, where it matched everyone.)
     *
     * @return the account, or null
     */
    public static Account account(String email) {
        return email == null ? null : ACCOUNTS.get(email.strip().toLowerCase(Locale.ROOT));
    }

    /** {@code /staleguard-example/incident3/with}: where the wiki of that mode lives. */
    public static String base(String contextPath, Mode mode) {
        return contextPath + PATH + "/" + mode.segment();
    }

    /** The wiki's server-rendered home page, where the tour starts it. */
    public static String start(String contextPath, Mode mode) {
        return base(contextPath, mode) + "/";
    }

    /** The wiki's single-page app. */
    public static String spa(String contextPath, Mode mode) {
        return base(contextPath, mode) + "/spa";
    }

    /** Where the tour switches the simulated proxy. */
    public static String proxySwitch(String contextPath) {
        return contextPath + PATH + "/proxy";
    }
}

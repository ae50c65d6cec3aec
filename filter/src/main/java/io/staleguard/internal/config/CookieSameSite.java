package io.staleguard.internal.config;

/** The {@code cookie-same-site} setting: the SameSite attribute of the cookies Staleguard writes. */
public enum CookieSameSite implements Choice {
    LAX("Lax"),
    STRICT("Strict"),
    NONE("None"),
    /** No SameSite attribute at all. */
    OMIT("omit");

    private final String spelled;

    CookieSameSite(String spelled) {
        this.spelled = spelled;
    }

    @Override
    public String spelled() {
        return spelled;
    }

    /** @return the attribute's value as a {@code Set-Cookie} header carries it, or null to leave it out */
    public String attribute() {
        return this == OMIT ? null : spelled;
    }
}

package io.staleguard.internal.config;

/** The {@code cookie-secure} setting: the Secure attribute of the cookies Staleguard writes. */
public enum CookieSecure implements Choice {
    /** Secure when the request is secure. */
    AUTO,
    TRUE,
    FALSE;

    /** @return whether a cookie written in answer to a request that {@code requestSecure} describes is Secure */
    public boolean secure(boolean requestSecure) {
        return switch (this) {
            case TRUE -> true;
            case FALSE -> false;
            case AUTO -> requestSecure;
        };
    }
}

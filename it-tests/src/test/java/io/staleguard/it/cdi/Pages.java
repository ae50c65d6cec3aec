package io.staleguard.it.cdi;

/** The provider's HTML, as little as a browser needs. */
final class Pages {

    /** The text of the provider's own error page: incident 1's dead end. */
    static final String SESSION_NOT_FOUND = "session not found";

    private Pages() {
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title + "</h1>" + body
                + "</body></html>";
    }
}

package io.staleguard.example;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The two URL spaces every incident of the tour has: {@code /<incident>/without/...}, which no Staleguard filter
 * mapping covers, and {@code /<incident>/with/...}, which {@code web.xml} maps a configured {@code StaleSessionFilter}
 * to. The application code behind both is the same.
 */
public enum Mode {

    WITHOUT("without", "Without Staleguard"),
    WITH("with", "With Staleguard");

    private final String segment;
    private final String label;

    Mode(String segment, String label) {
        this.segment = segment;
        this.label = label;
    }

    /** The path segment: {@code with} or {@code without}. */
    public String segment() {
        return segment;
    }

    /** For running text: "with Staleguard". */
    public String phrase() {
        return this == WITH ? "with Staleguard" : "without Staleguard";
    }

    public Mode other() {
        return this == WITH ? WITHOUT : WITH;
    }

    String badge() {
        return "<span class=\"badge " + segment + "\">" + label + "</span>";
    }

    /**
     * The mode of a request to a servlet mapped to {@code /<incident>/with/*} and {@code /<incident>/without/*}.
     *
     * @throws IllegalStateException if the servlet is mapped otherwise
     */
    public static Mode of(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        return of(servletPath.substring(servletPath.lastIndexOf('/') + 1))
                .orElseThrow(() -> new IllegalStateException("not mapped to a mode: " + servletPath));
    }

    /** @return the mode named by {@code segment}, if it names one */
    public static Optional<Mode> of(String segment) {
        for (Mode m : values()) {
            if (m.segment.equals(segment)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}

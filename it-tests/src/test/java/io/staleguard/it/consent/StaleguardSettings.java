package io.staleguard.it.consent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider's Staleguard configuration, the same whichever way the filter is registered (init-params for web.xml
 * and {@code addFilter}, {@code staleguard.*} context-params for the drop-in jar).
 */
public final class StaleguardSettings {

    /** Test-only restart key. A fixed key ring is what lets the restart cookie survive re-provisioning (B7). */
    static final String RESTART_KEY = "b55tVGfZiOJgrpGuABOui+LLV/3keGV3jHbELMMmP5w=";

    private StaleguardSettings() {
    }

    /** @return key → value, in the order they are written to web.xml */
    public static Map<String, String> of(String contextPath) {
        Map<String, String> config = new LinkedHashMap<>();
        // The session cookie (JSESSIONID on the context path) comes from the container's SessionCookieConfig.
        // "_interaction*" also covers _interaction.sig; both live on the interaction sub-path only.
        config.put("cookies", "_interaction*;path=" + contextPath + "/interaction");
        config.put("restart-capture-paths", "/authorize");
        config.put("restart-keys", RESTART_KEY);
        return config;
    }
}

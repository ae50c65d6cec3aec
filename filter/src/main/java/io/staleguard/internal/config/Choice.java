package io.staleguard.internal.config;

/** A configuration value that is one of a few words; an enum of them lists them in the order a message shows them. */
public interface Choice {

    /** @return the word as configured and as documented */
    String spelled();
}

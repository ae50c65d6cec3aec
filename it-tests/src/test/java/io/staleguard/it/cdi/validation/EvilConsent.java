package io.staleguard.it.cdi.validation;

import io.staleguard.cdi.Interaction;
import jakarta.enterprise.context.RequestScoped;

/** A consent step whose restart target would send users off-site: a protocol-relative URL. */
@RequestScoped
public class EvilConsent {

    @Interaction(restart = "//evil.example")
    public void confirm(String uid) {
    }
}

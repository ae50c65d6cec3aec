package io.staleguard.it.cdi.validation;

import io.staleguard.cdi.Interaction;
import jakarta.enterprise.context.RequestScoped;

/** Every method of this bean would restart at another site: an absolute URL on the class. */
@RequestScoped
@Interaction(restart = "https://evil.example/login")
public class EvilReview {

    public void review() {
    }
}

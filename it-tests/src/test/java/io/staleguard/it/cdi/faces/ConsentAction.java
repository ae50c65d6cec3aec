package io.staleguard.it.cdi.faces;

import java.io.IOException;

import io.staleguard.cdi.Interaction;
import io.staleguard.it.cdi.Consents;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The action of {@code consent.xhtml}'s "Allow access" buttons (a full post and an Ajax one). */
@Named
@RequestScoped
public class ConsentAction {

    @Inject
    Consents consents;

    /**
     * Gives the consent and redirects to the client's callback. With client-side state saving the view restores fine
     * after the session is gone, so there is no {@code ViewExpiredException} for the filter: the stale session only
     * shows here, and must heal here, before Faces renders its error.
     */
    @Interaction(restart = "/authorize")
    public void allow() throws IOException {
        String callback = consents.finish();
        FacesContext.getCurrentInstance().getExternalContext().redirect(callback);
    }
}

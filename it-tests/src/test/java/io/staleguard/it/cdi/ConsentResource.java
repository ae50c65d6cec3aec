package io.staleguard.it.cdi;

import io.staleguard.SessionNotFoundException;
import io.staleguard.cdi.Interaction;
import io.staleguard.store.StoreUnavailableException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The consent step as a JAX-RS resource ({@code /rest/consent}), in an application whose {@link CatchAllMapper} turns
 * every {@code RuntimeException} into its own 400: without the interceptor a stale session never reaches a filter.
 */
@RequestScoped
@Path("/consent")
public class ConsentResource {

    @Inject
    Consents consents;

    /**
     * "Allow access": 303 to the client's callback. A header, not {@code seeOther}, which resolves a relative URI
     * against the JAX-RS base ({@code /rest}).
     */
    @POST
    @Path("/confirm")
    @Interaction(restart = "/authorize")
    public Response confirm() {
        return Response.status(Response.Status.SEE_OTHER).header("Location", consents.finish()).build();
    }

    /** The consent waiting to be given, as text: an entity-returning method. */
    @GET
    @Path("/pending")
    @Produces(MediaType.TEXT_PLAIN)
    @Interaction(restart = "/authorize")
    public String pending() {
        return "pending: " + consents.require();
    }

    /** T1 through JAX-RS: the consent store times out, after a replica had said "not found". */
    @POST
    @Path("/outage")
    @Interaction(restart = "/authorize")
    public Response outage() {
        throw new StoreUnavailableException("consent store timed out",
                new SessionNotFoundException("replica answered: no such consent"));
    }
}

package io.staleguard.it.cdi;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** What many JAX-RS applications have: every exception becomes the application's own error response. */
@Provider
public class CatchAllMapper implements ExceptionMapper<RuntimeException> {

    static final String PREFIX = "mapped: ";

    @Override
    public Response toResponse(RuntimeException e) {
        return Response.status(400).type(MediaType.TEXT_PLAIN).entity(PREFIX + e.getMessage()).build();
    }
}

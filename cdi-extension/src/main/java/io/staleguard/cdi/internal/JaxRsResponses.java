package io.staleguard.cdi.internal;

import java.util.Map;

import io.staleguard.spi.Recovery;
import jakarta.ws.rs.core.Response;

/**
 * Turns a recovery into a JAX-RS {@link Response}. Only called when {@link Frameworks#JAX_RS} holds; the return type is
 * {@code Object} so that no signature outside this class names a JAX-RS type.
 */
final class JaxRsResponses {

    private JaxRsResponses() {
    }

    /**
     * Headers are added one by one, in order, so that every {@code Set-Cookie} stays a header line of its own, and as
     * strings, so that the runtime sends the relative {@code Location} exactly as Staleguard checked it instead of
     * resolving it against the base URI.
     */
    static Object of(Recovery.Answer recovery) {
        Response.ResponseBuilder builder = Response.status(recovery.status());
        for (Map.Entry<String, String> header : recovery.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.type(recovery.contentType()).entity(recovery.body()).build();
    }
}

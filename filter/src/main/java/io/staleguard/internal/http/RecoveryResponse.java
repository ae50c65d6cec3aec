package io.staleguard.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A complete response Staleguard wants to send: status, headers (in order, repeatable) and body. Kept as data so that
 * the filter can write it to the servlet response and the CDI interceptor can turn it into a JAX-RS {@code Response}.
 */
public final class RecoveryResponse {

    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final String contentType;
    private final String body;

    RecoveryResponse(int status, List<Map.Entry<String, String>> headers, String contentType, String body) {
        this.status = status;
        this.headers = List.copyOf(headers);
        this.contentType = contentType;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** @return the headers in the order they are sent; {@code Set-Cookie} appears once per cookie */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** @return the values of every header called {@code name}, ignoring case */
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /** @return the media type with its charset, such as {@code application/problem+json;charset=UTF-8} */
    public String contentType() {
        return contentType;
    }

    public String body() {
        return body;
    }

    /** Writes this response. The caller has checked that {@code response} is not committed and has reset it. */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        for (Map.Entry<String, String> h : headers) {
            response.addHeader(h.getKey(), h.getValue());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}

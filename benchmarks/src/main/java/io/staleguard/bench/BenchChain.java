package io.staleguard.bench;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * A container's filter chain, reused per request like Tomcat's: the filters in order, then a servlet that sets the
 * status and counts the call. {@link #recycle()} rewinds it between requests.
 */
final class BenchChain implements FilterChain {

    private final Filter[] filters;
    private int next;
    private long served;

    BenchChain(Filter... filters) {
        this.filters = filters;
    }

    void recycle() {
        next = 0;
    }

    long served() {
        return served;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
        if (next < filters.length) {
            filters[next++].doFilter(request, response, this);
            return;
        }
        ((jakarta.servlet.http.HttpServletResponse) response).setStatus(200);
        served++;
    }
}

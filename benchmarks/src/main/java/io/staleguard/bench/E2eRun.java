package io.staleguard.bench;

/**
 * One timed run of the end-to-end load against one application.
 *
 * @param app the context path without slash: {@code plain}, {@code guarded} or {@code headers}
 * @param round 1-based, or 0 for the warm-up
 * @param connections client threads, each with one keep-alive connection
 * @param requests responses read (any status)
 * @param nanos from the start signal to the last response read
 * @param errors responses other than 200, and I/O failures
 * @param refreshedCookies responses carrying {@code Set-Cookie: SID=<the session's id>;…}
 * @param p50Nanos latency percentiles over all threads' responses
 * @param serverCpuNanos the WildFly JVM's CPU time during the run, or -1 when unknown
 * @param clientCpuNanos the load threads' CPU time during the run
 * @param firstError the first error seen, or null
 */
record E2eRun(String app, int round, int connections, long requests, long nanos, long errors, long refreshedCookies,
        long p50Nanos, long p99Nanos, long p999Nanos, long serverCpuNanos, long clientCpuNanos, String firstError) {

    double throughput() {
        return requests * 1e9 / nanos;
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** Server CPU per response in µs, or NaN when unknown. */
    double serverCpuMicrosPerRequest() {
        return serverCpuNanos < 0 || requests == 0 ? Double.NaN : serverCpuNanos / 1e3 / requests;
    }

    double clientCpuMicrosPerRequest() {
        return requests == 0 ? Double.NaN : clientCpuNanos / 1e3 / requests;
    }
}

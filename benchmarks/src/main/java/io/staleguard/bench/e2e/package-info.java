/**
 * The application that the end-to-end benchmark ({@code io.staleguard.bench.EndToEnd}) deploys to WildFly three
 * times: as {@code plain.war} without Staleguard, as {@code guarded.war} with both filters, and as {@code headers.war}
 * without Staleguard but with the headers a rolled response carries. These classes are copied into the
 * WARs' {@code WEB-INF/classes} at run time; nothing else in the benchmarks uses them.
 */
package io.staleguard.bench.e2e;

/**
 * The application that the end-to-end benchmark ({@code io.staleguard.bench.EndToEnd}) deploys to WildFly, twice: as
 * {@code plain.war} without Staleguard and as {@code guarded.war} with both filters. These classes are copied into the
 * WARs' {@code WEB-INF/classes} at run time; nothing else in the benchmarks uses them.
 */
package io.staleguard.bench.e2e;

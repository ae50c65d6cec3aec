/**
 * CDI integration of Staleguard: the {@code @Interaction} interceptor binding, {@code SessionEnded} as CDI events,
 * MicroProfile Config and {@code SessionStore} beans. Built out by its own issue.
 *
 * @since 0.1
 */
package io.staleguard.cdi;

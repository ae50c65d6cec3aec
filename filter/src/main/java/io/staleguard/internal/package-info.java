/**
 * Staleguard's runtime, not API: one {@link io.staleguard.internal.ApplicationRuntime} per application, the
 * {@link io.staleguard.internal.Engine} per configuration, the typed settings and the per-request state. Each
 * concern has its folder: {@code config}, {@code http}, {@code recovery}, {@code rolling}, {@code identity},
 * {@code store}, {@code ops} and {@code undertow}.
 */
package io.staleguard.internal;

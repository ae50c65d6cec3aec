/**
 * Heals, on Undertow (WildFly) only, requests the container would refuse before any filter runs. Loaded through
 * {@code io.undertow.servlet.ServletExtension}; nothing else refers to it. Not API.
 */
package io.staleguard.internal.undertow;

/**
 * Rolling sessions: the conditional touch before a refreshed cookie may leave, the single in-flight touch per
 * session, and the gate that holds the application's own session {@code Set-Cookie} until the store has answered.
 * Not API.
 */
package io.staleguard.internal.rolling;

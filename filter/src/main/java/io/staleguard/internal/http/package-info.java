/**
 * HTTP output: every {@code Set-Cookie} Staleguard writes ({@link io.staleguard.internal.http.SetCookie}), how a
 * raw {@code Set-Cookie} is read as a browser reads it, the cookies an application names, and the recovery answers per
 * request kind (redirect, 401 with {@code Session-Restart}, problem JSON). Not API.
 */
package io.staleguard.internal.http;

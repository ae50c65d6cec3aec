/**
 * The trusted identity header of an SSO proxy: which proxies may set it, how values compare, and when a
 * session belongs to someone else. Not API.
 */
package io.staleguard.internal.identity;

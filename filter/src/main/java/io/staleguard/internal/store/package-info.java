/**
 * The application's session store as the filters use it: finding it, looking up the sessions a request names, and
 * telling a store outage from a gone session. The stores themselves are in {@code io.staleguard.store}. Not API.
 */
package io.staleguard.internal.store;

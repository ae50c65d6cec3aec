/**
 * Recovery from a stale session: what a thrown exception means, ending the session once, expiring exactly its
 * cookies, the restart target and the signed restart cookie, and the loop guard. Not API.
 */
package io.staleguard.internal.recovery;

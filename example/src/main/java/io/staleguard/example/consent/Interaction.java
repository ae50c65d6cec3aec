package io.staleguard.example.consent;

import io.staleguard.SessionEnded;
import io.staleguard.example.Mode;

/**
 * One authorization request in progress at the demo provider: what the client asked for, and who signed in so far.
 *
 * @param uid the interaction's id; also the value of the {@code _interaction} cookie
 * @param mode which URL space it runs in
 * @param clientId the client that asked
 * @param scope what the client asked for
 * @param state the client's opaque value, returned unchanged with the authorization code
 * @param account who signed in, or null before the login step
 * @param restartedAfter the Staleguard recovery that sent the browser back to start this interaction, or null
 */
public record Interaction(String uid, Mode mode, String clientId, String scope, String state, String account,
        SessionEnded restartedAfter) {

    Interaction signedInAs(String who) {
        return new Interaction(uid, mode, clientId, scope, state, who, restartedAfter);
    }
}

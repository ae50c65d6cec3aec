package io.staleguard.example.consent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.staleguard.SessionEnded;
import io.staleguard.example.Mode;
import io.staleguard.example.Web;

/**
 * The demo provider's server-side store: interactions in progress and authorization codes not yet redeemed. It lives
 * in memory, like the provider's adapter in the incident: a redeploy empties it.
 */
public final class Interactions {

    /**
     * An authorization code's worth.
     *
     * @param account who signed in
     * @param mode which URL space the flow ran in
     * @param restarted whether Staleguard had restarted the flow after a stale session
     */
    public record Grant(String account, Mode mode, boolean restarted) {
    }

    private final Map<String, Interaction> interactions = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    Interaction start(Mode mode, String clientId, String scope, String state, SessionEnded restartedAfter) {
        Interaction i = new Interaction(newId(), mode, clientId, scope, state, null, restartedAfter);
        interactions.put(i.uid(), i);
        return i;
    }

    /** @return the interaction, or null when this server does not know it */
    Interaction find(String uid) {
        return uid == null ? null : interactions.get(uid);
    }

    void signIn(Interaction interaction, String account) {
        interactions.replace(interaction.uid(), interaction, interaction.signedInAs(account));
    }

    /** Ends the interaction and issues the authorization code for it. */
    String finish(Interaction interaction) {
        interactions.remove(interaction.uid());
        String code = newId();
        codes.put(code, new Grant(interaction.account(), interaction.mode(), interaction.restartedAfter() != null));
        return code;
    }

    /** The client's side of the flow: a code is good once. @return the grant, or null for an unknown code */
    public Grant redeem(String code) {
        return code == null ? null : codes.remove(code);
    }

    /** @return how many interactions were forgotten */
    public int clear() {
        int n = interactions.size();
        interactions.clear();
        codes.clear();
        return n;
    }

    static String newId() {
        return Web.newId(16);
    }
}

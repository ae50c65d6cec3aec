package io.staleguard.it.cdi;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Authorization codes the provider issued and the client has not redeemed yet; each is good once. */
@ApplicationScoped
public class IssuedCodes {

    private final Map<String, String> stateByCode = new ConcurrentHashMap<>();

    String issue(String state) {
        String code = UUID.randomUUID().toString();
        stateByCode.put(code, state);
        return code;
    }

    /** @return the state the code was issued for, or null for a code never issued or already used */
    String redeem(String code) {
        return code == null ? null : stateByCode.remove(code);
    }
}

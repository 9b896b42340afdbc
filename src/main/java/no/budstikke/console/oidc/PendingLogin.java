package no.budstikke.console.oidc;

import java.time.Instant;
import java.util.Objects;

/**
 * What a begun login must keep until its callback, server-side: a state that ties the callback to
 * this browser, the nonce the ID token must carry, and the PKCE verifier only the hub knows.
 */
public record PendingLogin(String state, String nonce, String codeVerifier, Instant startedAt) {

    public PendingLogin {
        Objects.requireNonNull(state);
        Objects.requireNonNull(nonce);
        Objects.requireNonNull(codeVerifier);
        Objects.requireNonNull(startedAt);
    }

    /** The values are secrets of one login; logs see only when it began. */
    @Override
    public String toString() {
        return "PendingLogin[startedAt=" + startedAt + "]";
    }
}

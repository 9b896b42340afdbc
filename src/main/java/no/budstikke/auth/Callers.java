package no.budstikke.auth;

import java.util.Optional;

/**
 * Who sent {@code Authorization: Bearer ...}: a Maskinporten access token when the bearer has a
 * JWT's form and Maskinporten is configured, otherwise an API key. The two never overlap: an API
 * key is one base64url word, a JWT three joined by dots.
 */
public final class Callers {

    private final ApiKeys keys;
    private final TokenCheck tokens;

    /** @param tokens null when Maskinporten is not configured: every bearer is then an API key */
    public Callers(ApiKeys keys, TokenCheck tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    /** The API keys alone: the ops API takes no tokens, since Maskinporten speaks for senders, not for the hub's own staff. */
    public ApiKeys apiKeys() {
        return keys;
    }

    public Authentication authenticate(String authorizationHeader) {
        Optional<String> jwt = tokens == null ? Optional.empty() : BearerJwt.of(authorizationHeader);
        if (jwt.isPresent()) return tokens.authenticate(jwt.get());
        return keys.authenticate(authorizationHeader).map(Authentication::of).orElse(Authentication.unknown());
    }
}

package no.budstikke.auth;

import java.util.Optional;

/**
 * What a bearer credential turned out to be: a known caller, a token refused for a named reason, or
 * nothing known (an unknown API key, or no credential at all).
 */
public final class Authentication {

    private static final Authentication UNKNOWN = new Authentication(null, null);

    private final Credential caller;
    private final TokenRefusal refusal;

    private Authentication(Credential caller, TokenRefusal refusal) {
        this.caller = caller;
        this.refusal = refusal;
    }

    public static Authentication of(Credential caller) {
        return new Authentication(caller, null);
    }

    public static Authentication refused(TokenRefusal refusal) {
        return new Authentication(null, refusal);
    }

    public static Authentication unknown() {
        return UNKNOWN;
    }

    public Optional<Credential> caller() {
        return Optional.ofNullable(caller);
    }

    /** Why a token was refused; empty for a known caller and for an unknown API key. */
    public Optional<TokenRefusal> refusal() {
        return Optional.ofNullable(refusal);
    }
}

package no.budstikke.auth;

/**
 * Why an access token was refused. Each reason describes the rule, never the token or its values:
 * answers and logs name the reason only. An {@link Kind#INVALID} token is not a credential at all
 * (401); an {@link Kind#INSUFFICIENT} one is genuine but grants nothing here (403).
 */
public enum TokenRefusal {

    MALFORMED(Kind.INVALID, "malformed", "the bearer token is not a readable signed JWT of at most "
            + TokenCheck.MAX_TOKEN_CHARS + " characters"),
    ALGORITHM(Kind.INVALID, "algorithm-not-allowed", "the token's signature algorithm is not accepted "
            + "(never 'none' or HMAC; see budstikke.maskinporten.algorithms)"),
    BAD_SIGNATURE(Kind.INVALID, "bad-signature", "the token's signature does not verify against the issuer's published keys"),
    MISSING_CLAIM(Kind.INVALID, "missing-claim", "the token lacks one of the claims iss, aud, exp or consumer"),
    EXPIRED(Kind.INVALID, "expired", "the token has expired; fetch a new one from Maskinporten"),
    NOT_YET_VALID(Kind.INVALID, "not-yet-valid", "the token's iat or nbf lies in the future"),
    WRONG_ISSUER(Kind.INVALID, "wrong-issuer", "the token was not issued by the issuer this hub trusts"),
    WRONG_AUDIENCE(Kind.INVALID, "wrong-audience", "the token's audience is not this hub"),
    MISSING_SCOPE(Kind.INSUFFICIENT, "missing-scope", "the token lacks the scope the hub requires for sending events"),
    UNKNOWN_ORGANISATION(Kind.INSUFFICIENT, "unknown-organisation",
            "the token's consumer organisation is not configured to send events to this hub"),
    KEYS_UNAVAILABLE(Kind.UNAVAILABLE, "keys-unavailable", "the issuer's published keys could not be fetched; try again later");

    /** 401, 403 or 503 in HTTP terms. */
    public enum Kind {
        INVALID, INSUFFICIENT, UNAVAILABLE
    }

    private final Kind kind;
    private final String reason;
    private final String detail;

    TokenRefusal(Kind kind, String reason, String detail) {
        this.kind = kind;
        this.reason = reason;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** A short stable name, such as {@code expired}, for answers, logs and tests. */
    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}

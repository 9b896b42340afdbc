package no.budstikke.console.oidc;

/**
 * Why a login through the issuer was refused. The message names the rule broken and, from the
 * issuer, at most a standard OAuth error code: never a token, a code, a claim value or a name, so
 * it may be logged and shown as it is.
 */
public final class OidcRefusal extends Exception {

    public enum Reason {
        LOGIN_EXPIRED("the login took longer than budstikke.console.oidc.login-minutes; start it again"),
        MALFORMED_CALLBACK("the callback is not an authorization response of this hub's issuer"),
        STATE_MISMATCH("the callback's state is not the one this login was begun with"),
        ISSUER_DENIED("the issuer answered the login with an error"),
        TOKEN_REFUSED("the issuer's token endpoint refused the authorization code"),
        WRONG_ISSUER("the ID token or callback was issued by another issuer than budstikke.console.oidc.issuer"),
        NONCE_MISMATCH("the ID token's nonce is not the one this login was begun with"),
        ID_TOKEN_INVALID("the ID token's signature, audience, algorithm or times do not hold"),
        NO_NAME("the ID token lacks the name claim (budstikke.console.oidc.name-claim)"),
        NO_ROLE("the person holds no console role: the role claim names none of the values budstikke.console.oidc.role.* grant"),
        ISSUER_UNAVAILABLE("the issuer could not be reached, or answered with something unreadable or too large; try again later");

        private final String rule;

        Reason(String rule) {
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    private final Reason reason;

    OidcRefusal(Reason reason) {
        this(reason, null);
    }

    /** @param detail a word of the hub's own or a standard OAuth error code, never data from a token or a person */
    OidcRefusal(Reason reason, String detail) {
        super(detail == null ? reason.rule() : reason.rule() + " (" + detail + ")", null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** An OAuth error code as the issuer sent it when it has the form of one, else a neutral word. */
    static String errorCode(String code) {
        return code != null && code.matches("[a-z_]{1,40}") ? code : "unrecognised error";
    }
}

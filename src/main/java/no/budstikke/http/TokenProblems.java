package no.budstikke.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import no.budstikke.auth.TokenRefusal;

/**
 * The answer to a refused access token (RFC 9457 and RFC 6750): 401 {@code invalid-token} for a token
 * that is no credential, 403 {@code token-forbidden} for a genuine one that grants nothing here, 503
 * while the issuer's keys cannot be read. {@code reason} names the rule; the token is never echoed.
 */
final class TokenProblems {

    private TokenProblems() {
    }

    static HttpAnswer refused(TokenRefusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> answer(401, "invalid-token", "The access token is not valid", refusal)
                    .withHeader("WWW-Authenticate", "Bearer realm=\"budstikke\", error=\"invalid_token\", error_description=\""
                            + refusal.reason() + "\"");
            case INSUFFICIENT -> answer(403, "token-forbidden", "The access token grants no access here", refusal)
                    .withHeader("WWW-Authenticate", "Bearer realm=\"budstikke\", error=\"insufficient_scope\", error_description=\""
                            + refusal.reason() + "\"");
            case UNAVAILABLE -> answer(503, "token-keys-unavailable", "The access token cannot be checked now", refusal)
                    .withHeader("Retry-After", "30");
        };
    }

    private static HttpAnswer answer(int status, String slug, String title, TokenRefusal refusal) {
        ObjectNode p = Problems.problem(status, slug, title, refusal.detail());
        p.put("reason", refusal.reason());
        return Problems.answer(p);
    }
}

package no.budstikke.auth.maskinporten;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import no.budstikke.auth.TokenRefusal;
import no.budstikke.auth.maskinporten.ConsumerFile.Consumer;

/**
 * The claims of a token whose signature has been verified, checked against the settings: issuer,
 * audience, lifetime (with the configured skew), scope, and the consumer organisation, which must
 * be one configured in maskinporten.json.
 */
final class TokenClaims {

    private final MaskinportenSettings settings;
    private final Map<String, Consumer> consumers;

    TokenClaims(MaskinportenSettings settings, Map<String, Consumer> consumers) {
        this.settings = settings;
        this.consumers = consumers;
    }

    /** The consumer the token speaks for. */
    Consumer check(JWTClaimsSet claims, Instant now) throws Refused {
        if (claims.getIssuer() == null || claims.getAudience().isEmpty() || claims.getExpirationTime() == null) {
            throw new Refused(TokenRefusal.MISSING_CLAIM, null);
        }
        if (!settings.issuer().equals(claims.getIssuer())) throw new Refused(TokenRefusal.WRONG_ISSUER, null);
        if (!claims.getAudience().contains(settings.audience())) throw new Refused(TokenRefusal.WRONG_AUDIENCE, null);
        long skew = settings.clockSkew().toMillis();
        if (!now.isBefore(claims.getExpirationTime().toInstant().plusMillis(skew))) throw new Refused(TokenRefusal.EXPIRED, null);
        if (inFuture(claims.getIssueTime(), now, skew) || inFuture(claims.getNotBeforeTime(), now, skew)) {
            throw new Refused(TokenRefusal.NOT_YET_VALID, null);
        }
        String organisation = organisation(claims).orElseThrow(() -> new Refused(TokenRefusal.MISSING_CLAIM, null));
        if (!scopes(claims).contains(settings.scope())) throw new Refused(TokenRefusal.MISSING_SCOPE, organisation);
        Consumer consumer = consumers.get(organisation);
        if (consumer == null) throw new Refused(TokenRefusal.UNKNOWN_ORGANISATION, organisation);
        return consumer;
    }

    private static boolean inFuture(Date time, Instant now, long skew) {
        return time != null && time.toInstant().isAfter(now.plusMillis(skew));
    }

    private static java.util.List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        return scope instanceof String s ? Arrays.asList(s.trim().split("\\s+")) : java.util.List.of();
    }

    /** {@code consumer: {"authority": "iso6523-actorid-upis", "ID": "0192:<orgno>"}}. */
    private static Optional<String> organisation(JWTClaimsSet claims) {
        try {
            Map<String, Object> consumer = claims.getJSONObjectClaim("consumer");
            if (consumer == null) return Optional.empty();
            Object authority = consumer.get("authority");
            Object id = consumer.get("ID");
            return authority instanceof String a && id instanceof String i ? OrganisationNumber.ofConsumerId(a, i) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** A refusal, with the organisation when the token was genuine enough to name one (for the log). */
    static final class Refused extends Exception {
        final TokenRefusal refusal;
        final String organisation;

        Refused(TokenRefusal refusal, String organisation) {
            super(refusal.reason(), null, false, false);
            this.refusal = refusal;
            this.organisation = organisation;
        }
    }
}

package no.budstikke.auth.maskinporten;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import no.budstikke.auth.Authentication;
import no.budstikke.auth.Credential;
import no.budstikke.auth.TokenCheck;
import no.budstikke.auth.TokenRefusal;
import no.budstikke.auth.maskinporten.ConsumerFile.Consumer;
import no.budstikke.auth.maskinporten.TokenClaims.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks Maskinporten access tokens: form, algorithm, signature against the issuer's JWKS (cached,
 * and fetched again when a token names a key not yet seen, at most once per
 * {@code jwks-min-refresh-ms}), then the claims ({@link TokenClaims}). A token that passes is a
 * {@link Credential} named after its consumer in maskinporten.json, with that consumer's sources.
 * Logs name the reason of a refusal and, once the signature holds, the organisation; never the token.
 */
public final class AccessTokens implements TokenCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
    private static final Set<JOSEObjectType> TYPES = Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"));

    private final MaskinportenSettings settings;
    private final TokenClaims claims;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public AccessTokens(MaskinportenSettings settings, Map<String, Consumer> consumers, Clock clock) {
        this.settings = settings;
        this.claims = new TokenClaims(settings, consumers);
        this.clock = clock;
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(settings.jwks(),
                        new JwksRetriever((int) settings.jwksTimeout().toMillis(), settings.jwksMaxBytes()))
                .cache(settings.jwksCache().toMillis(), settings.jwksTimeout().toMillis())
                .refreshAheadCache(false)
                .rateLimited(settings.jwksMinRefresh().toMillis())
                .retrying(false)
                .outageTolerant(false)
                .build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(settings.algorithms(), keys));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        // The claims are checked by TokenClaims, so that each refusal has its own reason.
        processor.setJWTClaimsSetVerifier(null);
    }

    @Override
    public Authentication authenticate(String token) {
        try {
            Consumer consumer = claims.check(verifiedClaims(token), clock.instant());
            return Authentication.of(new Credential(consumer.name(), consumer.sources(), false, Set.of()));
        } catch (Refused r) {
            if (r.organisation == null) {
                LOG.info("Maskinporten token refused: {}", r.refusal.reason());
            } else {
                LOG.info("Maskinporten token refused: {} (organisation {})", r.refusal.reason(), r.organisation);
            }
            return Authentication.refused(r.refusal);
        }
    }

    private JWTClaimsSet verifiedClaims(String token) throws Refused {
        if (token.length() > MAX_TOKEN_CHARS) throw new Refused(TokenRefusal.MALFORMED, null);
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new Refused(TokenRefusal.MALFORMED, null);
        }
        if (jwt instanceof PlainJWT) throw new Refused(TokenRefusal.ALGORITHM, null);
        if (!(jwt instanceof SignedJWT signed)) throw new Refused(TokenRefusal.MALFORMED, null);
        JWSHeader header = signed.getHeader();
        if (!settings.algorithms().contains(header.getAlgorithm())) throw new Refused(TokenRefusal.ALGORITHM, null);
        if (header.getType() != null && !TYPES.contains(header.getType())) throw new Refused(TokenRefusal.MALFORMED, null);
        try {
            return processor.process(signed, null);
        } catch (RateLimitReachedException e) {
            // An unknown key, asked for again too soon: as unknown as it was a moment ago.
            throw new Refused(TokenRefusal.BAD_SIGNATURE, null);
        } catch (KeySourceException e) {
            LOG.warn("Maskinporten keys could not be read from {}: {}", settings.jwks(), e.getClass().getSimpleName());
            throw new Refused(TokenRefusal.KEYS_UNAVAILABLE, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new Refused(TokenRefusal.BAD_SIGNATURE, null);
        }
    }

}

package no.budstikke.console.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import no.budstikke.console.oidc.OidcRefusal.Reason;

/**
 * Checks ID tokens as OpenID Connect Core 3.1.3.7 asks: signed with an asymmetric key from the
 * issuer's JWKS (fetched bounded, cached, rate-limited), issued by the configured issuer for this
 * client, within its times, carrying the login's nonce.
 */
final class IdTokens {

    /** 'none' and HMAC (keyed with the client secret) are never accepted. */
    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final long KEYS_KEPT_MS = 15 * 60_000;
    private static final long MIN_REFRESH_MS = 30_000;

    private final OidcSettings settings;
    private final IssuerHttp http;
    private URI jwksUri;
    private JWKSource<SecurityContext> keys;

    IdTokens(OidcSettings settings, IssuerHttp http) {
        this.settings = settings;
        this.http = http;
    }

    IDTokenClaimsSet check(JWT idToken, Nonce expected, OIDCProviderMetadata metadata) throws OidcRefusal {
        IDTokenValidator validator = new IDTokenValidator(new Issuer(settings.issuer().toString()), new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<>(algorithms(metadata), keys(metadata.getJWKSetURI())), null);
        validator.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        try {
            return validator.validate(idToken, expected);
        } catch (BadJOSEException | JOSEException e) {
            throw refusal(idToken, expected, e);
        }
    }

    /** Why nimbus refused, read from the unverified claims: nimbus's own messages may quote claim values. */
    private OidcRefusal refusal(JWT idToken, Nonce expected, Exception e) {
        if (e instanceof KeySourceException || e.getCause() instanceof KeySourceException) {
            return new OidcRefusal(Reason.ISSUER_UNAVAILABLE, "keys could not be fetched");
        }
        try {
            JWTClaimsSet claims = idToken.getJWTClaimsSet();
            if (!settings.issuer().toString().equals(claims.getIssuer())) return new OidcRefusal(Reason.WRONG_ISSUER);
            if (!Objects.equals(expected.getValue(), claims.getClaim("nonce"))) return new OidcRefusal(Reason.NONCE_MISMATCH);
        } catch (ParseException unreadable) {
            return new OidcRefusal(Reason.ID_TOKEN_INVALID, "unreadable claims");
        }
        return new OidcRefusal(Reason.ID_TOKEN_INVALID);
    }

    private static Set<JWSAlgorithm> algorithms(OIDCProviderMetadata metadata) {
        List<JWSAlgorithm> offered = metadata.getIDTokenJWSAlgs();
        Set<JWSAlgorithm> chosen = new LinkedHashSet<>();
        if (offered != null) offered.stream().filter(ASYMMETRIC::contains).forEach(chosen::add);
        return chosen.isEmpty() ? Set.of(JWSAlgorithm.RS256) : chosen;
    }

    /** One key source per JWKS location, so its cache survives logins and is replaced if discovery moves it. */
    private synchronized JWKSource<SecurityContext> keys(URI location) throws OidcRefusal {
        if (keys != null && location.equals(jwksUri)) return keys;
        URL url;
        try {
            url = location.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new OidcRefusal(Reason.ISSUER_UNAVAILABLE, "discovery names an unusable jwks_uri");
        }
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(http.timeoutMillis(), http.timeoutMillis(), http.maxBytes()) {
            @Override
            protected HttpURLConnection openHTTPConnection(URL u) throws IOException {
                HttpURLConnection connection = super.openHTTPConnection(u);
                connection.setInstanceFollowRedirects(false);
                return connection;
            }
        };
        keys = JWKSourceBuilder.<SecurityContext>create(url, retriever)
                .cache(KEYS_KEPT_MS, http.timeoutMillis())
                .rateLimited(MIN_REFRESH_MS)
                .build();
        jwksUri = location;
        return keys;
    }
}

package no.budstikke.console.oidc;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import no.budstikke.console.oidc.OidcRefusal.Reason;

/**
 * The issuer's endpoints from {@code <issuer>/.well-known/openid-configuration}, read on first use
 * and again after {@link #KEPT}. While the issuer cannot be read, the endpoints last read serve on:
 * they change rarely, and logins should not depend on every discovery call.
 */
final class Discovery {

    static final Duration KEPT = Duration.ofHours(1);

    private final URI issuer;
    private final IssuerHttp http;
    private final Clock clock;
    private OIDCProviderMetadata metadata;
    private Instant readAt;

    Discovery(URI issuer, IssuerHttp http, Clock clock) {
        this.issuer = issuer;
        this.http = http;
        this.clock = clock;
    }

    synchronized OIDCProviderMetadata metadata() throws OidcRefusal {
        Instant now = clock.instant();
        if (metadata != null && now.isBefore(readAt.plus(KEPT))) return metadata;
        try {
            OIDCProviderMetadata read = read();
            metadata = read;
            readAt = now;
            return read;
        } catch (OidcRefusal e) {
            if (metadata != null && e.reason() == Reason.ISSUER_UNAVAILABLE) return metadata;
            throw e;
        }
    }

    private OIDCProviderMetadata read() throws OidcRefusal {
        String base = issuer.toString().endsWith("/") ? issuer.toString().substring(0, issuer.toString().length() - 1) : issuer.toString();
        try {
            HTTPResponse response = http.send(new HTTPRequest(HTTPRequest.Method.GET, URI.create(base + "/.well-known/openid-configuration")));
            if (response.getStatusCode() != 200) {
                throw new OidcRefusal(Reason.ISSUER_UNAVAILABLE, "discovery answered " + response.getStatusCode());
            }
            OIDCProviderMetadata read = OIDCProviderMetadata.parse(response.getBodyAsJSONObject());
            // OpenID Connect Discovery 1.0, 4.3: the document must name the very issuer it was read for.
            if (!issuer.toString().equals(read.getIssuer().getValue())) {
                throw new OidcRefusal(Reason.WRONG_ISSUER, "the discovery document names another issuer; a trailing slash counts");
            }
            if (read.getAuthorizationEndpointURI() == null || read.getTokenEndpointURI() == null || read.getJWKSetURI() == null) {
                throw new OidcRefusal(Reason.ISSUER_UNAVAILABLE, "discovery lacks the authorization, token or jwks endpoint");
            }
            return read;
        } catch (IOException e) {
            throw new OidcRefusal(Reason.ISSUER_UNAVAILABLE, "discovery: " + IssuerHttp.why(e));
        } catch (ParseException e) {
            throw new OidcRefusal(Reason.ISSUER_UNAVAILABLE, "discovery document unreadable");
        }
    }
}

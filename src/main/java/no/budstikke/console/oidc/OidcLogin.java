package no.budstikke.console.oidc;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Set;
import no.budstikke.console.oidc.OidcRefusal.Reason;

/**
 * A console login through an OpenID Connect issuer: the authorization code flow with PKCE (S256).
 * {@link #begin()} says where to send the browser and what to keep; {@link #complete} takes the
 * callback's query with what was kept and answers the person, or refuses. Knows no HTTP server:
 * the console's routes carry the browser between the two.
 */
public final class OidcLogin {

    /** A callback's query is a code and a state, not a document. */
    static final int MAX_QUERY_CHARS = 8192;
    static final int MAX_NAME_CHARS = 200;

    private final OidcSettings settings;
    private final Clock clock;
    private final Discovery discovery;
    private final IdTokens idTokens;
    private final IssuerHttp http;

    public OidcLogin(OidcSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = new IssuerHttp(settings.timeout(), settings.maxBytes());
        this.discovery = new Discovery(settings.issuer(), http, clock);
        this.idTokens = new IdTokens(settings, http);
    }

    /** A new login: fresh state, nonce and PKCE verifier, and the issuer's authorization URL that carries them. */
    public AuthorizationRequest begin() throws OidcRefusal {
        OIDCProviderMetadata metadata = discovery.metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope(settings.scopes().toArray(String[]::new)), new ClientID(settings.clientId()), settings.redirectUri())
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();
        return new AuthorizationRequest(request.toURI(),
                new PendingLogin(state.getValue(), nonce.getValue(), verifier.getValue(), clock.instant()));
    }

    /**
     * Completes a login from its callback.
     *
     * @param callbackQuery the raw query of the request to the redirect URI
     * @param pending       what {@link #begin()} gave for this browser's login; use it once
     * @throws OidcRefusal  naming the rule the login broke
     */
    public OidcPerson complete(String callbackQuery, PendingLogin pending) throws OidcRefusal {
        if (clock.instant().isAfter(pending.startedAt().plus(settings.loginLifetime()))) throw new OidcRefusal(Reason.LOGIN_EXPIRED);
        AuthenticationSuccessResponse success = callback(callbackQuery, pending);
        OIDCProviderMetadata metadata = discovery.metadata();
        JWT idToken = exchange(success.getAuthorizationCode(), pending, metadata);
        IDTokenClaimsSet claims = idTokens.check(idToken, new Nonce(pending.nonce()), metadata);
        Object name = claims.getClaim(settings.nameClaim());
        if (!(name instanceof String n) || n.isBlank() || n.length() > MAX_NAME_CHARS) throw new OidcRefusal(Reason.NO_NAME);
        Set<String> roles = RoleClaim.roles(claims.getClaim(settings.roleClaim()), settings.roleValues());
        if (roles.isEmpty()) throw new OidcRefusal(Reason.NO_ROLE);
        return new OidcPerson(n.strip(), roles);
    }

    private AuthenticationSuccessResponse callback(String query, PendingLogin pending) throws OidcRefusal {
        if (query == null || query.isEmpty() || query.length() > MAX_QUERY_CHARS) throw new OidcRefusal(Reason.MALFORMED_CALLBACK);
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(settings.redirectUri(), URLUtils.parseParameters(query));
        } catch (ParseException | RuntimeException e) {
            throw new OidcRefusal(Reason.MALFORMED_CALLBACK);
        }
        State state = response.getState();
        if (state == null || !MessageDigest.isEqual(state.getValue().getBytes(StandardCharsets.UTF_8),
                pending.state().getBytes(StandardCharsets.UTF_8))) {
            throw new OidcRefusal(Reason.STATE_MISMATCH);
        }
        if (response instanceof AuthenticationErrorResponse error) {
            throw new OidcRefusal(Reason.ISSUER_DENIED, OidcRefusal.errorCode(error.getErrorObject().getCode()));
        }
        AuthenticationSuccessResponse success = response.toSuccessResponse();
        // RFC 9207: an issuer that names itself in the callback guards against a mix-up with another issuer.
        if (success.getIssuer() != null && !settings.issuer().toString().equals(success.getIssuer().getValue())) {
            throw new OidcRefusal(Reason.WRONG_ISSUER, "callback");
        }
        if (success.getAuthorizationCode() == null || success.getIDToken() != null || success.getAccessToken() != null) {
            throw new OidcRefusal(Reason.MALFORMED_CALLBACK);
        }
        return success;
    }

    private JWT exchange(AuthorizationCode code, PendingLogin pending, OIDCProviderMetadata metadata) throws OidcRefusal {
        ClientID client = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        ClientAuthentication auth = settings.clientAuth() == OidcSettings.ClientAuth.CLIENT_SECRET_POST
                ? new ClientSecretPost(client, secret) : new ClientSecretBasic(client, secret);
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), auth,
                new AuthorizationCodeGrant(code, settings.redirectUri(), new CodeVerifier(pending.codeVerifier())));
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send(request.toHTTPRequest()));
        } catch (IOException e) {
            throw new OidcRefusal(Reason.ISSUER_UNAVAILABLE, "token endpoint: " + IssuerHttp.why(e));
        } catch (ParseException e) {
            throw new OidcRefusal(Reason.ISSUER_UNAVAILABLE, "token endpoint answer unreadable");
        }
        if (!response.indicatesSuccess()) {
            throw new OidcRefusal(Reason.TOKEN_REFUSED, OidcRefusal.errorCode(response.toErrorResponse().getErrorObject().getCode()));
        }
        JWT idToken = response.toSuccessResponse() instanceof OIDCTokenResponse oidc ? oidc.getOIDCTokens().getIDToken() : null;
        if (idToken == null) throw new OidcRefusal(Reason.ID_TOKEN_INVALID, "no ID token in the token answer");
        return idToken;
    }
}

package no.budstikke.console.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import no.budstikke.config.HubSettings;
import no.budstikke.console.oidc.OidcRefusal.Reason;
import no.budstikke.testing.TestClock;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole logins against a running OpenID Connect issuer: the browser's part is played by a plain
 * HTTP client that follows the authorization URL to the issuer and takes the code from its redirect.
 */
class OidcLoginIT {

    static final String ISSUER_ID = "console";
    static final String CLIENT_ID = "budstikke-console";
    static final String SECRET = "s3cret-of-the-console";
    /** Never called: the issuer redirects the browser there, and the test reads the redirect. */
    static final String REDIRECT = "https://budstikke.test/console/oidc";
    static final String NAME = "Kari Nordmann";

    private final MockOAuth2Server issuer = new MockOAuth2Server();
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final TestClock clock = TestClock.at("2026-12-06T05:00:00Z");

    @BeforeEach
    void start() {
        issuer.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        issuer.shutdown();
    }

    @Test
    void aLoginGivesTheNameAndTheConsoleRolesOfTheIdToken() throws Exception {
        OidcLogin login = login(Map.of());
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("ops", "staff", "finance")));

        AuthorizationRequest request = login.begin();
        Map<String, List<String>> sent = URLUtils.parseParameters(request.redirectTo().getRawQuery());
        assertThat(request.redirectTo().toString()).startsWith(issuer.authorizationEndpointUrl(ISSUER_ID).toString());
        assertThat(sent.get("state")).containsExactly(request.pending().state());
        assertThat(sent.get("nonce")).containsExactly(request.pending().nonce());
        assertThat(sent.get("code_challenge_method")).containsExactly("S256");
        assertThat(sent.get("code_challenge").get(0)).isNotEqualTo(request.pending().codeVerifier());
        assertThat(sent).doesNotContainKey("code_verifier");

        OidcPerson person = login.complete(authorize(request), request.pending());

        assertThat(person.name()).isEqualTo(NAME);
        assertThat(person.roles()).containsExactlyInAnyOrder("ops", "staff");
        assertThat(person.toString()).doesNotContain(NAME);
        RecordedRequest token = tokenRequest();
        assertThat(token.getHeader("Authorization")).startsWith("Basic ");
        assertThat(token.getBody().readUtf8()).contains("code_verifier=" + request.pending().codeVerifier()).doesNotContain(SECRET);
    }

    @Test
    void clientSecretPostSendsTheSecretInTheFormInsteadOfAHeader() throws Exception {
        OidcLogin login = login(Map.of("budstikke.console.oidc.client-auth", "client_secret_post"));
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("staff")));

        AuthorizationRequest request = login.begin();
        assertThat(login.complete(authorize(request), request.pending()).roles()).containsExactly("staff");

        RecordedRequest token = tokenRequest();
        assertThat(token.getHeader("Authorization")).isNull();
        assertThat(token.getBody().readUtf8()).contains("client_secret=" + SECRET, "client_id=" + CLIENT_ID);
    }

    @Test
    void groupIdsMapToConsoleRolesAsConfigured() throws Exception {
        String piiGroup = "6f1c2a0e-3b8d-4c55-9a1e-2f0d7c4b8e11";
        OidcLogin login = login(Map.of("budstikke.console.oidc.role-claim", "groups",
                "budstikke.console.oidc.role.ops-pii", piiGroup, "budstikke.console.oidc.name-claim", "name"));
        signsIn("kari", Map.of("name", NAME, "groups", List.of(piiGroup, "ops")));

        AuthorizationRequest request = login.begin();
        OidcPerson person = login.complete(authorize(request), request.pending());

        // 'ops' as a group value grants ops; the group id grants ops-pii.
        assertThat(person.roles()).containsExactlyInAnyOrder("ops-pii", "ops");
    }

    @Test
    void aCallbackWithAnotherStateIsRefused() throws Exception {
        OidcLogin login = login(Map.of());
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("ops")));
        AuthorizationRequest first = login.begin();
        AuthorizationRequest second = login.begin();
        String callback = authorize(first);

        refused(() -> login.complete(callback, second.pending()), Reason.STATE_MISMATCH, callback, second.pending());
        String forged = callback.replace("state=" + first.pending().state(), "state=forged");
        refused(() -> login.complete(forged, first.pending()), Reason.STATE_MISMATCH, callback, first.pending());
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        OidcLogin login = login(Map.of());
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("ops"), "nonce", "a-nonce-of-another-login"));
        AuthorizationRequest request = login.begin();
        String callback = authorize(request);

        refused(() -> login.complete(callback, request.pending()), Reason.NONCE_MISMATCH, callback, request.pending());
    }

    @Test
    void aPendingLoginWithAnotherNonceIsRefused() throws Exception {
        OidcLogin login = login(Map.of());
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("ops")));
        AuthorizationRequest request = login.begin();
        String callback = authorize(request);
        PendingLogin p = request.pending();
        PendingLogin tampered = new PendingLogin(p.state(), "tampered-nonce", p.codeVerifier(), p.startedAt());

        refused(() -> login.complete(callback, tampered), Reason.NONCE_MISMATCH, callback, p);
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() throws Exception {
        OidcLogin login = login(Map.of());
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("ops"),
                "iss", issuer.issuerUrl("elsewhere").toString()));
        AuthorizationRequest request = login.begin();
        String callback = authorize(request);

        refused(() -> login.complete(callback, request.pending()), Reason.WRONG_ISSUER, callback, request.pending());
    }

    @Test
    void aPersonWithoutTheRoleClaimIsRefused() throws Exception {
        OidcLogin login = login(Map.of());
        signsIn("kari", Map.of("preferred_username", NAME));
        AuthorizationRequest request = login.begin();
        String callback = authorize(request);

        refused(() -> login.complete(callback, request.pending()), Reason.NO_ROLE, callback, request.pending());
    }

    @Test
    void aPersonWhoseRolesAreNoneOfTheConsolesIsRefused() throws Exception {
        OidcLogin login = login(Map.of());
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("finance", "Ops", "admin")));
        AuthorizationRequest request = login.begin();
        String callback = authorize(request);

        refused(() -> login.complete(callback, request.pending()), Reason.NO_ROLE, callback, request.pending());
    }

    @Test
    void aCodeUsedTwiceIsRefusedTheSecondTime() throws Exception {
        OidcLogin login = login(Map.of());
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("ops")));
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("ops")));
        AuthorizationRequest request = login.begin();
        String callback = authorize(request);
        assertThat(login.complete(callback, request.pending()).name()).isEqualTo(NAME);

        // Entra ID and ID-porten answer a second use with invalid_grant (TOKEN_REFUSED). mock-oauth2-server 2.1.10
        // forgets the login at the first exchange and answers the second with a token that carries no nonce: the
        // nonce check is what refuses it then, so a replayed code never yields a person either way.
        refused(() -> login.complete(callback, request.pending()), Reason.NONCE_MISMATCH, callback, request.pending());
        assertThat(tokenRequests()).as("the code was exchanged twice").hasSize(2);
    }

    @Test
    void aCodeExchangedWithAnotherVerifierIsRefused() throws Exception {
        OidcLogin login = login(Map.of());
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("ops")));
        AuthorizationRequest request = login.begin();
        String callback = authorize(request);
        PendingLogin p = request.pending();
        PendingLogin otherVerifier = new PendingLogin(p.state(), p.nonce(), new CodeVerifier().getValue(), p.startedAt());

        OidcRefusal refusal = refused(() -> login.complete(callback, otherVerifier), Reason.TOKEN_REFUSED, callback, p);
        assertThat(refusal.getMessage()).contains("invalid_grant");
    }

    @Test
    void aLoginCompletedAfterItsLifetimeIsRefusedBeforeTheIssuerIsAsked() throws Exception {
        OidcLogin login = login(Map.of("budstikke.console.oidc.login-minutes", "10"));
        signsIn("kari", Map.of("preferred_username", NAME, "roles", List.of("ops")));
        AuthorizationRequest request = login.begin();
        String callback = authorize(request);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        refused(() -> login.complete(callback, request.pending()), Reason.LOGIN_EXPIRED, callback, request.pending());
        assertThat(tokenRequests()).isEmpty();
    }

    @Test
    void anErrorFromTheIssuerIsRefusedWithItsCodeOnly() throws Exception {
        OidcLogin login = login(Map.of());
        AuthorizationRequest request = login.begin();
        String callback = "error=access_denied&error_description=" + NAME.replace(' ', '+') + "&state=" + request.pending().state();

        OidcRefusal refusal = refused(() -> login.complete(callback, request.pending()), Reason.ISSUER_DENIED, callback, request.pending());
        assertThat(refusal.getMessage()).contains("access_denied").doesNotContain("Kari");
    }

    @Test
    void anIssuerThatCannotBeReachedRefusesTheLoginAtItsStart() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        OidcLogin login = new OidcLogin(settings(Map.of("budstikke.console.oidc.issuer", "http://127.0.0.1:" + port + "/" + ISSUER_ID,
                "budstikke.console.oidc.timeout-ms", "500")), clock);

        OidcRefusal refusal = catchThrowableOfType(OidcRefusal.class, login::begin);
        assertThat(refusal.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
    }

    /** The next token the issuer makes is for this subject with these claims. */
    private void signsIn(String subject, Map<String, Object> claims) {
        issuer.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, 600));
    }

    /** As a browser: opens the authorization URL and returns the query of the issuer's redirect to the console. */
    private String authorize(AuthorizationRequest request) throws Exception {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(request.redirectTo()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("the issuer redirects the browser back").isEqualTo(302);
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(REDIRECT + "?");
        assertThat(URLUtils.parseParameters(back.getRawQuery())).containsKeys("code", "state");
        return back.getRawQuery();
    }

    private OidcLogin login(Map<String, String> extra) {
        return new OidcLogin(settings(extra), clock);
    }

    private OidcSettings settings(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>();
        p.put("budstikke.console.oidc.issuer", issuer.issuerUrl(ISSUER_ID).toString());
        p.put("budstikke.console.oidc.client-id", CLIENT_ID);
        p.put("budstikke.console.oidc.client-secret", SECRET);
        p.put("budstikke.console.oidc.redirect-uri", REDIRECT);
        p.putAll(extra);
        return OidcSettings.from(new HubSettings(k -> Optional.ofNullable(p.get(k)))).orElseThrow();
    }

    /** A refusal of the expected reason whose message holds none of the login's secrets, the code or the name. */
    private static OidcRefusal refused(Completion completion, Reason reason, String callback, PendingLogin pending) {
        OidcRefusal refusal = catchThrowableOfType(OidcRefusal.class, completion::run);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.reason()).isEqualTo(reason);
        String code = URLUtils.parseParameters(callback).getOrDefault("code", List.of("no-code-in-callback")).get(0);
        assertThat(refusal.getMessage()).doesNotContain(code, pending.state(), pending.nonce(), pending.codeVerifier(), NAME, SECRET);
        return refusal;
    }

    private RecordedRequest tokenRequest() throws InterruptedException {
        List<RecordedRequest> tokens = tokenRequests();
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    private List<RecordedRequest> tokenRequests() throws InterruptedException {
        List<RecordedRequest> found = new ArrayList<>();
        while (true) {
            RecordedRequest r;
            try {
                r = issuer.takeRequest(100, TimeUnit.MILLISECONDS);
            } catch (RuntimeException none) {
                return found; // every request the issuer received has been taken
            }
            if (r.getRequestUrl() != null && r.getRequestUrl().encodedPath().endsWith("/token")) found.add(r);
        }
    }

    @FunctionalInterface
    private interface Completion {
        void run() throws Exception;
    }
}

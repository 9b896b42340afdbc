package no.budstikke.console.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.config.HubSettings;
import no.budstikke.console.oidc.OidcRefusal.Reason;
import no.budstikke.testing.TestClock;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The issuer as the hub must not trust it blindly: slow, oversized, naming another issuer, or
 * signing with keys that are not the ones its discovery names. A scripted HTTP server publishes
 * the discovery document (and, where a test says so, the token answer); the logins themselves go
 * through a running mock-oauth2-server.
 */
class OidcIssuerBoundsIT {

    static final String CLIENT_ID = "budstikke-console";
    static final String REDIRECT = "https://budstikke.test/console/oidc";

    private final MockOAuth2Server issuer = new MockOAuth2Server();
    private final WireMockServer front = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final TestClock clock = TestClock.at("2026-12-06T05:00:00Z");

    @BeforeEach
    void start() {
        issuer.start(InetAddress.getLoopbackAddress(), 0);
        front.start();
    }

    @AfterEach
    void stop() {
        front.stop();
        issuer.shutdown();
    }

    @Test
    void aLoginWorksThroughThePublishedDiscovery() throws Exception {
        publishDiscovery(issuerUrl(), issuer.tokenEndpointUrl("console").toString(), issuer.jwksUrl("console").toString());
        signsIn(Map.of("preferred_username", "kari", "roles", List.of("ops"), "iss", issuerUrl()));
        OidcLogin login = login(Map.of());

        AuthorizationRequest request = login.begin();
        assertThat(login.complete(authorize(request), request.pending()).roles()).containsExactly("ops");
    }

    @Test
    void anIdTokenSignedWithKeysThatAreNotTheIssuersIsRefused() throws Exception {
        publishDiscovery(issuerUrl(), issuer.tokenEndpointUrl("console").toString(), issuer.jwksUrl("elsewhere").toString());
        signsIn(Map.of("preferred_username", "kari", "roles", List.of("ops"), "iss", issuerUrl()));
        OidcLogin login = login(Map.of());

        AuthorizationRequest request = login.begin();
        String callback = authorize(request);
        OidcRefusal refusal = catchThrowableOfType(OidcRefusal.class, () -> login.complete(callback, request.pending()));

        assertThat(refusal.reason()).isEqualTo(Reason.ID_TOKEN_INVALID);
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        publishDiscovery("https://login.example/another/v2.0", issuer.tokenEndpointUrl("console").toString(),
                issuer.jwksUrl("console").toString());

        OidcRefusal refusal = catchThrowableOfType(OidcRefusal.class, () -> login(Map.of()).begin());

        assertThat(refusal.reason()).isEqualTo(Reason.WRONG_ISSUER);
    }

    @Test
    void aDiscoveryDocumentLargerThanMaxBytesIsRefused() {
        front.stubFor(get(urlEqualTo("/front/.well-known/openid-configuration"))
                .willReturn(okJson(discovery(issuerUrl(), issuer.tokenEndpointUrl("console").toString(), issuer.jwksUrl("console").toString())
                        .replace("{", "{\"padding\": \"" + "x".repeat(4096) + "\", "))));

        OidcRefusal refusal = catchThrowableOfType(OidcRefusal.class,
                () -> login(Map.of("budstikke.console.oidc.max-bytes", "2KiB")).begin());

        assertThat(refusal.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        assertThat(refusal.getMessage()).contains("larger than budstikke.console.oidc.max-bytes");
    }

    @Test
    void aSlowIssuerCostsTheLoginOneTimeout() {
        front.stubFor(get(urlEqualTo("/front/.well-known/openid-configuration"))
                .willReturn(okJson(discovery(issuerUrl(), issuer.tokenEndpointUrl("console").toString(),
                        issuer.jwksUrl("console").toString())).withFixedDelay(5_000)));
        OidcLogin login = login(Map.of("budstikke.console.oidc.timeout-ms", "300"));

        long started = System.nanoTime();
        OidcRefusal refusal = catchThrowableOfType(OidcRefusal.class, login::begin);

        assertThat(refusal.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        assertThat(refusal.getMessage()).contains("no answer within budstikke.console.oidc.timeout-ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aTokenAnswerLargerThanMaxBytesIsRefused() throws Exception {
        publishDiscovery(issuerUrl(), front.baseUrl() + "/front/token", issuer.jwksUrl("console").toString());
        front.stubFor(post(urlEqualTo("/front/token"))
                .willReturn(okJson("{\"access_token\": \"" + "a".repeat(8192) + "\", \"token_type\": \"Bearer\", \"id_token\": \""
                        + issuer.issueToken("console").serialize() + "\"}")));
        OidcLogin login = login(Map.of("budstikke.console.oidc.max-bytes", "4KiB"));

        AuthorizationRequest request = login.begin();
        String callback = authorize(request);
        OidcRefusal refusal = catchThrowableOfType(OidcRefusal.class, () -> login.complete(callback, request.pending()));

        assertThat(refusal.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        assertThat(refusal.getMessage()).contains("token endpoint: answer larger than budstikke.console.oidc.max-bytes");
    }

    @Test
    void theLastDiscoveryServesOnWhileTheIssuerCannotBeRead() throws Exception {
        publishDiscovery(issuerUrl(), issuer.tokenEndpointUrl("console").toString(), issuer.jwksUrl("console").toString());
        OidcLogin login = login(Map.of());
        login.begin();
        front.resetAll();
        front.stubFor(get(urlEqualTo("/front/.well-known/openid-configuration")).willReturn(aResponse().withStatus(503)));
        clock.advance(Discovery.KEPT.plusSeconds(1));

        AuthorizationRequest again = login.begin();

        assertThat(again.redirectTo().toString()).startsWith(issuer.authorizationEndpointUrl("console").toString());
        assertThat(front.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/front/.well-known/openid-configuration")))).as("discovery was asked again").hasSize(1);
    }

    private String issuerUrl() {
        return front.baseUrl() + "/front";
    }

    private void publishDiscovery(String issuerName, String tokenEndpoint, String jwks) {
        front.stubFor(get(urlEqualTo("/front/.well-known/openid-configuration")).willReturn(okJson(discovery(issuerName, tokenEndpoint, jwks))));
    }

    private String discovery(String issuerName, String tokenEndpoint, String jwks) {
        return """
                {"issuer": "%s", "authorization_endpoint": "%s", "token_endpoint": "%s", "jwks_uri": "%s",
                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"]}
                """.formatted(issuerName, issuer.authorizationEndpointUrl("console"), tokenEndpoint, jwks);
    }

    private void signsIn(Map<String, Object> claims) {
        issuer.enqueueCallback(new DefaultOAuth2TokenCallback("console", "kari", "JWT", List.of(CLIENT_ID), claims, 600));
    }

    private String authorize(AuthorizationRequest request) throws Exception {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(request.redirectTo()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        return URI.create(answer.headers().firstValue("Location").orElseThrow()).getRawQuery();
    }

    private OidcLogin login(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>();
        p.put("budstikke.console.oidc.issuer", issuerUrl());
        p.put("budstikke.console.oidc.client-id", CLIENT_ID);
        p.put("budstikke.console.oidc.client-secret", "s3cret");
        p.put("budstikke.console.oidc.redirect-uri", REDIRECT);
        p.putAll(extra);
        return new OidcLogin(OidcSettings.from(new HubSettings(k -> Optional.ofNullable(p.get(k)))).orElseThrow(), clock);
    }
}

package no.budstikke.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.budstikke.testing.LogCapture;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Console logins through a running OpenID Connect issuer, end to end through the hub's routes: a
 * plain HTTP client plays the browser, carrying the cookies the hub sets and following the
 * issuer's redirect back to the hub by hand.
 */
class ConsoleOidcIT {

    private static final String ISSUER_ID = "entra";
    private static final String CLIENT_ID = "budstikke-console";
    /** As registered at the issuer; the test brings the issuer's redirect to the hub's own port itself. */
    private static final String REDIRECT = "https://budstikke.test/console/oidc";
    private static final String NAME = "Kari Nordmann";

    private final MockOAuth2Server issuer = new MockOAuth2Server();
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path dir;

    @BeforeEach
    void startIssuer() {
        issuer.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopIssuer() {
        issuer.shutdown();
    }

    @Test
    void aPersonTheIssuerVouchesForGetsASessionWithTheirRolesAndTheCallbackWorksOnce() throws Exception {
        try (LogCapture log = LogCapture.attach(); ConsoleHub console = ConsoleHub.start(dir, oidc())) {
            assertThat(console.get("/console/logg-inn", null).body()).contains("href=\"/console/oidc/start\"");
            signsIn(Map.of("preferred_username", NAME, "roles", List.of("ops")));

            HttpResponse<String> start = console.get("/console/oidc/start", null);
            assertThat(start.statusCode()).isEqualTo(303);
            URI toIssuer = URI.create(start.headers().firstValue("Location").orElseThrow());
            assertThat(toIssuer.toString()).startsWith(issuer.authorizationEndpointUrl(ISSUER_ID).toString())
                    .contains("code_challenge_method=S256").doesNotContain("code_verifier");
            String stateCookie = start.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(stateCookie).startsWith("budstikke_oidc_state=")
                    .contains("Path=/console/oidc", "HttpOnly", "Secure", "SameSite=Lax");
            String cookie = stateCookie.substring(0, stateCookie.indexOf(';'));

            String back = authorize(toIssuer);
            String code = back.replaceAll(".*code=([^&]+).*", "$1");
            HttpResponse<String> callback = console.get("/console/oidc?" + back, cookie);
            assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);
            assertThat(callback.headers().firstValue("Location")).contains("/console");
            String session = callback.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(session).startsWith("budstikke_console=").contains("HttpOnly", "Secure", "SameSite=Strict");

            HttpResponse<String> overview = console.get("/console", session.substring(0, session.indexOf(';')));
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).contains(NAME);

            HttpResponse<String> replayed = console.get("/console/oidc?" + back, cookie);
            assertThat(replayed.statusCode()).isEqualTo(400);
            assertThat(replayed.headers().firstValue("Set-Cookie").orElse("")).doesNotStartWith("budstikke_console=");

            assertThat(log.all()).doesNotContain(code).doesNotContain(NAME)
                    .doesNotContain(cookie.substring(cookie.indexOf('=') + 1));
        }
    }

    @Test
    void aCallbackWithoutTheStateCookieOfThisBrowserOpensNoSession() throws Exception {
        try (ConsoleHub console = ConsoleHub.start(dir, oidc())) {
            signsIn(Map.of("preferred_username", NAME, "roles", List.of("ops")));
            HttpResponse<String> start = console.get("/console/oidc/start", null);
            String back = authorize(URI.create(start.headers().firstValue("Location").orElseThrow()));

            HttpResponse<String> callback = console.get("/console/oidc?" + back, null);
            assertThat(callback.statusCode()).isEqualTo(400);
            assertThat(callback.headers().firstValue("Set-Cookie").orElse("")).doesNotStartWith("budstikke_console=");

            HttpResponse<String> forged = console.get("/console/oidc?" + back, "budstikke_oidc_state=forged-state-of-another-browser");
            assertThat(forged.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aPersonWithNoConsoleRoleIsRefused() throws Exception {
        try (ConsoleHub console = ConsoleHub.start(dir, oidc())) {
            signsIn(Map.of("preferred_username", NAME, "roles", List.of("finance")));
            HttpResponse<String> start = console.get("/console/oidc/start", null);
            String cookie = start.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String back = authorize(URI.create(start.headers().firstValue("Location").orElseThrow()));

            HttpResponse<String> callback = console.get("/console/oidc?" + back, cookie);
            assertThat(callback.statusCode()).isEqualTo(403);
            assertThat(callback.body()).contains("ingen rolle i konsollet");
            assertThat(callback.headers().firstValue("Set-Cookie").orElse("")).doesNotStartWith("budstikke_console=");
        }
    }

    @Test
    void withoutAnIssuerTheConsoleOffersOnlyItsOwnLogin() throws Exception {
        try (ConsoleHub console = ConsoleHub.start(dir)) {
            assertThat(console.get("/console/logg-inn", null).body()).doesNotContain("/console/oidc");
            assertThat(console.get("/console/oidc/start", null).statusCode()).isEqualTo(404);
            assertThat(console.get("/console/oidc?code=x&state=y", null).statusCode()).isEqualTo(404);
        }
    }

    private Map<String, String> oidc() {
        return Map.of("budstikke.console.oidc.issuer", issuer.issuerUrl(ISSUER_ID).toString(),
                "budstikke.console.oidc.client-id", CLIENT_ID,
                "budstikke.console.oidc.client-secret", "s3cret-of-the-console",
                "budstikke.console.oidc.redirect-uri", REDIRECT);
    }

    private void signsIn(Map<String, Object> claims) {
        issuer.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "kari", "JWT", List.of(CLIENT_ID), claims, 600));
    }

    /** As a browser at the issuer: the query the issuer sends the browser back to the console with. */
    private String authorize(URI toIssuer) throws Exception {
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(toIssuer).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        URI back = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(REDIRECT + "?");
        return back.getRawQuery();
    }
}

package no.budstikke.http;

import static no.budstikke.testing.TestJson.bytes;
import static no.budstikke.testing.TestJson.freshNode;
import static no.budstikke.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import no.budstikke.config.ConfigException;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Maskinporten access tokens on the real hub, issued by a real OAuth2 server (mock-oauth2-server)
 * whose JWKS URL the hub fetches: a genuine token sends events for its organisation's sources,
 * every broken one is refused with its status and reason, and neither answers nor logs hold a token.
 * Authentication does not touch storage, so H2 is enough here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaskinportenIT {

    static final String EVENTS = "/api/v1/events";
    static final String SINGLE = "application/cloudevents+json";
    static final String PROBLEMS = "https://budstikke.example/problems/";
    static final String ISSUER_ID = "maskinporten";
    static final String AUDIENCE = "https://budstikke.test";
    static final String SCOPE = "udi:budstikke.events";
    /** Oslo may send for centre C-0301-01, the one of examples/events/missing.json; not for C-4601-02 (arrived.json). */
    static final String OSLO = "974760673";
    static final String NOT_CONFIGURED = "991825827";

    private final MockOAuth2Server issuer = new MockOAuth2Server();
    private TestHub hub;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        issuer.start(InetAddress.getLoopbackAddress(), 0);
        Path consumers = dir.resolve("maskinporten.json");
        Files.writeString(consumers, """
                {"consumers": [
                  {"name": "oslo-centres", "organisation": "974760673", "sources": ["urn:no:udi:mot:centre:C-0301-01"]},
                  {"name": "agder-centres", "organisation": "889640782", "sources": ["urn:no:udi:mot:centre:C-4601-*"]}
                ]}
                """);
        Map<String, String> p = new HashMap<>(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)));
        p.put("budstikke.maskinporten.issuer", issuer.issuerUrl(ISSUER_ID).toString());
        p.put("budstikke.maskinporten.audience", AUDIENCE);
        p.put("budstikke.maskinporten.scope", SCOPE);
        p.put("budstikke.maskinporten.jwks-url", issuer.jwksUrl(ISSUER_ID).toString());
        p.put("budstikke.maskinporten.consumers-file", consumers.toString());
        p.put("budstikke.maskinporten.clock-skew-seconds", "5");
        hub = TestHub.start(p);
    }

    @AfterAll
    void stop() {
        if (hub != null) hub.close();
        issuer.shutdown();
    }

    @Test
    void aGenuineTokenSendsAnEventThatIsStoredUnderItsConsumerAndSource() throws Exception {
        String token = issuer.issueToken(ISSUER_ID, "oslo-client", new DefaultOAuth2TokenCallback(ISSUER_ID, "oslo-client", "JWT",
                List.of(AUDIENCE), maskinportenClaims(OSLO, SCOPE), 120)).serialize();

        HttpResponse<String> r = hub.post(EVENTS, SINGLE, bytes(freshNode("missing")), token);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String key = json(r).path("key").asText();
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT origin, source FROM inbound_event WHERE event_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("oslo-centres");
                assertThat(rs.getString(2)).isEqualTo("urn:no:udi:mot:centre:C-0301-01");
            }
        }
        HttpResponse<String> status = hub.get(json(r).path("status").asText(), token);
        assertThat(status.statusCode()).as("the sender follows its own event with its token: %s", status.body()).isEqualTo(200);
    }

    @Test
    void aTokenForOneCentreCannotSendForAnotherLikeAKey() {
        HttpResponse<String> r = hub.post(EVENTS, SINGLE, bytes(freshNode("arrived")), token(c -> { }));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(json(r).path("type").asText()).isEqualTo(PROBLEMS + "forbidden-source");
    }

    @Test
    void apiKeysStillWorkBesideTokens() {
        HttpResponse<String> r = hub.post(EVENTS, SINGLE, bytes(freshNode("missing")), TestHub.CENTRE_0301_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    @Test
    void theOpsApiTakesNoTokens() {
        HttpResponse<String> r = hub.get("/api/v1/quarantine", token(c -> { }));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(hub.get("/api/v1/quarantine", TestHub.OPS_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void aMistypedSettingOrConsumerStopsTheStartNamingThePlace(@TempDir Path dir) throws Exception {
        Path consumers = dir.resolve("maskinporten.json");
        Files.writeString(consumers, """
                {"consumers": [{"name": "oslo-centres", "organisation": "974760674", "sources": ["urn:no:udi:mot:centre:C-0301-01"]}]}
                """);
        Map<String, String> p = new HashMap<>(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)));
        p.put("budstikke.maskinporten.issuer", issuer.issuerUrl(ISSUER_ID).toString());
        p.put("budstikke.maskinporten.audience", AUDIENCE);
        p.put("budstikke.maskinporten.scope", SCOPE);
        p.put("budstikke.maskinporten.jwks-url", issuer.jwksUrl(ISSUER_ID).toString());
        p.put("budstikke.maskinporten.consumers-file", consumers.toString());
        p.put("budstikke.maskinporten.algorithms", "RS256,HS256");

        Throwable thrown = catchThrowable(() -> TestHub.start(p).close());

        assertThat(thrown).as("the hub started, but it should have refused").isInstanceOf(IllegalStateException.class);
        String message = null;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) message = t.getMessage();
        }
        assertThat(message).as("a ConfigException in the cause chain").isNotNull()
                .contains("'budstikke.maskinporten.algorithms': 'HS256' is not accepted");
        p.put("budstikke.maskinporten.algorithms", "RS256");
        String second = null;
        for (Throwable t = catchThrowable(() -> TestHub.start(p).close()); t != null; t = t.getCause()) {
            if (t instanceof ConfigException) second = t.getMessage();
        }
        assertThat(second).contains(consumers + " at /consumers/0/organisation: expected the consumer's 9-digit organisation number");
    }

    Stream<Arguments> refusals() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims(c -> { }));
        hmac.sign(new MACSigner("a shared secret that is long enough for HS256".getBytes(StandardCharsets.UTF_8)));
        String[] genuine = token(c -> { }).split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(c -> c.put("consumer", consumer("889640782"))).toString().getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                // expiring a minute before now: well past the 5 seconds of skew
                Arguments.of("expired", issuer.issueToken(ISSUER_ID, "oslo-client", new DefaultOAuth2TokenCallback(ISSUER_ID,
                        "oslo-client", "JWT", List.of(AUDIENCE), maskinportenClaims(OSLO, SCOPE), -60)).serialize(), 401, "invalid-token"),
                Arguments.of("wrong-audience", token(c -> c.put("aud", List.of("https://another.api"))), 401, "invalid-token"),
                Arguments.of("wrong-issuer", tokenFrom(HttpUrl.get("http://maskinporten.example/" + ISSUER_ID), c -> { }),
                        401, "invalid-token"),
                Arguments.of("bad-signature", genuine[0] + "." + forgedPayload + "." + genuine[2], 401, "invalid-token"),
                Arguments.of("algorithm-not-allowed", hmac.serialize(), 401, "invalid-token"),
                Arguments.of("algorithm-not-allowed", new PlainJWT(claims(c -> { })).serialize(), 401, "invalid-token"),
                Arguments.of("missing-scope", token(c -> c.put("scope", "udi:other.scope")), 403, "token-forbidden"),
                Arguments.of("unknown-organisation", token(c -> c.put("consumer", consumer(NOT_CONFIGURED))), 403, "token-forbidden"));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("refusals")
    void eachRefusalNamesItsReasonAndNeverEchoesTheToken(String reason, String token, int status, String type) {
        long before = quarantined();
        HttpResponse<String> r;
        try (LogCapture logs = LogCapture.attach()) {
            r = hub.post(EVENTS, SINGLE, bytes(freshNode("missing")), token);
            assertThat(logs.all()).as("logs").doesNotContain(token).doesNotContain(signatureOf(token))
                    .contains("Maskinporten token refused: " + reason);
        }

        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = json(r);
        assertThat(p.path("type").asText()).isEqualTo(PROBLEMS + type);
        assertThat(p.path("reason").asText()).isEqualTo(reason);
        assertThat(r.body()).doesNotContain(token).doesNotContain(signatureOf(token));
        assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains(status == 401 ? "error=\"invalid_token\"" : "error=\"insufficient_scope\"")
                .contains("error_description=\"" + reason + "\"");
        assertThat(quarantined()).as("a refused credential stores nothing").isEqualTo(before);
    }

    // --- helpers ------------------------------------------------------------------------------

    /** A token with Maskinporten's claims for Oslo, signed by the issuer's own key, changed by {@code change}. */
    private String token(Consumer<Map<String, Object>> change) {
        return tokenFrom(issuer.issuerUrl(ISSUER_ID), change);
    }

    /** {@code anyToken} signs with the key of the issuer id in the URL's path, whatever its host: a wrong issuer, genuinely signed. */
    private String tokenFrom(HttpUrl issuerUrl, Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = new HashMap<>(maskinportenClaims(OSLO, SCOPE));
        claims.put("aud", List.of(AUDIENCE));
        claims.put("sub", "oslo-client");
        change.accept(claims);
        return issuer.anyToken(issuerUrl, claims, Duration.ofMinutes(2)).serialize();
    }

    private JWTClaimsSet claims(Consumer<Map<String, Object>> change) throws Exception {
        Map<String, Object> claims = new HashMap<>(maskinportenClaims(OSLO, SCOPE));
        claims.put("iss", issuer.issuerUrl(ISSUER_ID).toString());
        claims.put("aud", AUDIENCE);
        claims.put("exp", System.currentTimeMillis() / 1000 + 120);
        claims.put("iat", System.currentTimeMillis() / 1000);
        change.accept(claims);
        return JWTClaimsSet.parse(claims);
    }

    static Map<String, Object> maskinportenClaims(String organisation, String scope) {
        return Map.of("scope", scope, "consumer", consumer(organisation), "client_id", "5f1c0a3e-7b2d-4e9a-8c6f-1d2e3f4a5b6c");
    }

    static Map<String, Object> consumer(String organisation) {
        return Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + organisation);
    }

    static String signatureOf(String token) {
        String[] parts = token.split("\\.", -1);
        return parts.length == 3 && !parts[2].isEmpty() ? parts[2] : parts[1];
    }

    private long quarantined() {
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM quarantine");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package no.budstikke.auth.maskinporten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import no.budstikke.auth.Authentication;
import no.budstikke.auth.Credential;
import no.budstikke.auth.TokenCheck;
import no.budstikke.auth.TokenRefusal;
import no.budstikke.config.HubSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access tokens signed here with real keys, checked against a JWKS file (the same cache and
 * refresh as a JWKS URL) and, for the time bound, against a server that never answers.
 */
class AccessTokensTest {

    static final String ISSUER = "https://test.maskinporten.no/";
    static final String AUDIENCE = "https://budstikke.test";
    static final String SCOPE = "udi:budstikke.events";
    static final String OSLO = "974760673";
    static final String UNKNOWN_ORG = "991825827";
    static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    static RSAKey keyA;
    static RSAKey keyB;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        keyA = new RSAKeyGenerator(2048).keyID("a").generate();
        keyB = new RSAKeyGenerator(2048).keyID("b").generate();
    }

    @Test
    void aGenuineTokenIsTheConsumersCredentialWithItsSources() throws Exception {
        Authentication a = tokens(Map.of()).authenticate(sign(keyA, claims()));

        assertThat(a.refusal()).isEmpty();
        Credential c = a.caller().orElseThrow();
        assertThat(c.name()).isEqualTo("oslo-centres");
        assertThat(c.sources()).containsExactly("urn:no:udi:mot:centre:C-0301-*");
        assertThat(c.ops()).isFalse();
    }

    @Test
    void eachBrokenClaimIsRefusedForItsOwnReason() throws Exception {
        AccessTokens tokens = tokens(Map.of());
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.issuer("https://maskinporten.no/"))))).isEqualTo(TokenRefusal.WRONG_ISSUER);
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.audience("https://other.api"))))).isEqualTo(TokenRefusal.WRONG_AUDIENCE);
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.claim("scope", "udi:other.scope openid")))))
                .isEqualTo(TokenRefusal.MISSING_SCOPE);
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.claim("scope", null))))).isEqualTo(TokenRefusal.MISSING_SCOPE);
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.claim("consumer", consumer(UNKNOWN_ORG))))))
                .isEqualTo(TokenRefusal.UNKNOWN_ORGANISATION);
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.claim("consumer", null))))).isEqualTo(TokenRefusal.MISSING_CLAIM);
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.claim("consumer", Map.of("authority", "other", "ID", "0192:" + OSLO))))))
                .isEqualTo(TokenRefusal.MISSING_CLAIM);
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.expirationTime(null))))).isEqualTo(TokenRefusal.MISSING_CLAIM);
        // several scopes, space separated, one of them the hub's
        assertThat(tokens.authenticate(sign(keyA, claims(b -> b.claim("scope", "openid " + SCOPE)))).caller()).isPresent();
    }

    @Test
    void expiryAndIssueTimeAllowTheConfiguredSkewAndNoMore() throws Exception {
        AccessTokens tokens = tokens(Map.of("clock-skew-seconds", "30"));
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.expirationTime(at(-31)))))).isEqualTo(TokenRefusal.EXPIRED);
        assertThat(tokens.authenticate(sign(keyA, claims(b -> b.expirationTime(at(-29))))).caller()).isPresent();
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.issueTime(at(31)))))).isEqualTo(TokenRefusal.NOT_YET_VALID);
        assertThat(refusal(tokens, sign(keyA, claims(b -> b.notBeforeTime(at(31)))))).isEqualTo(TokenRefusal.NOT_YET_VALID);
        assertThat(tokens.authenticate(sign(keyA, claims(b -> b.issueTime(at(29))))).caller()).isPresent();
    }

    @Test
    void noneHmacAndAlgorithmsNotConfiguredAreRefusedBeforeAnyKeyIsLookedUp() throws Exception {
        AccessTokens tokens = tokens(Map.of());
        String none = new PlainJWT(claims()).serialize();
        assertThat(refusal(tokens, none)).isEqualTo(TokenRefusal.ALGORITHM);

        // HS256 keyed with the public modulus: the classic confusion of a public key for a shared secret
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("a").build(), claims());
        hmac.sign(new MACSigner(keyA.getModulus().decode()));
        assertThat(refusal(tokens, hmac.serialize())).isEqualTo(TokenRefusal.ALGORITHM);

        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("e").generate();
        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("e").build(), claims());
        es.sign(new ECDSASigner(ec));
        assertThat(refusal(tokens, es.serialize())).as("ES256 is not in the default list").isEqualTo(TokenRefusal.ALGORITHM);
    }

    @Test
    void aTamperedPayloadAndAnUnknownKeyAreBadSignatures() throws Exception {
        AccessTokens tokens = tokens(Map.of());
        String[] parts = sign(keyA, claims()).split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(b -> b.claim("consumer", consumer("889640782"))).toString().getBytes(StandardCharsets.UTF_8));
        assertThat(refusal(tokens, parts[0] + "." + otherPayload + "." + parts[2])).isEqualTo(TokenRefusal.BAD_SIGNATURE);
        assertThat(refusal(tokens, sign(keyB, claims()))).isEqualTo(TokenRefusal.BAD_SIGNATURE);
        assertThat(refusal(tokens, "eyJhbGciOg.e30.c2ln")).as("a header that is not JSON").isEqualTo(TokenRefusal.MALFORMED);
        assertThat(refusal(tokens, "eyJ" + "A".repeat(TokenCheck.MAX_TOKEN_CHARS) + ".e30.c2ln")).isEqualTo(TokenRefusal.MALFORMED);
    }

    @Test
    void aRotatedKeyIsPickedUpOnItsFirstUseOnceTheRefreshIntervalAllows() throws Exception {
        AccessTokens tokens = tokens(Map.of("jwks-min-refresh-ms", "3000"));
        assertThat(tokens.authenticate(sign(keyA, claims())).caller()).isPresent();
        // Key b is not published yet: a refresh finds nothing new.
        assertThat(refusal(tokens, sign(keyB, claims()))).isEqualTo(TokenRefusal.BAD_SIGNATURE);

        writeJwks(keyA, keyB);
        // Within the interval a forged kid cannot make the hub fetch again and again.
        assertThat(refusal(tokens, sign(keyB, claims()))).isEqualTo(TokenRefusal.BAD_SIGNATURE);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> tokens.authenticate(sign(keyB, claims())).caller().isPresent());
        assertThat(tokens.authenticate(sign(keyA, claims())).caller()).as("the old key still verifies while published").isPresent();
    }

    @Test
    void aJwksLargerThanItsBoundIsNotReadAndTheTokenCannotBeCheckedNow() throws Exception {
        AccessTokens tokens = tokens(Map.of("jwks-max-bytes", "1KiB"));
        Files.writeString(dir.resolve("jwks.json"), " ".repeat(1024), java.nio.file.StandardOpenOption.APPEND);
        assertThat(Files.size(dir.resolve("jwks.json"))).isGreaterThan(1024);
        assertThat(refusal(tokens, sign(keyA, claims()))).isEqualTo(TokenRefusal.KEYS_UNAVAILABLE);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aJwksServerThatNeverAnswersIsGivenUpAfterTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(60_000);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, String> s = new HashMap<>(base());
            s.remove("jwks-file");
            s.put("jwks-url", "http://127.0.0.1:" + silent.getLocalPort() + "/jwk");
            s.put("jwks-timeout-ms", "500");
            AccessTokens tokens = build(s);

            assertThat(refusal(tokens, sign(keyA, claims()))).isEqualTo(TokenRefusal.KEYS_UNAVAILABLE);
            acceptor.interrupt();
        }
    }

    @Test
    void keysAreReadOnlyFromTheUrlGivenNotFromWhereItRedirects() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(keyA).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/elsewhere", x -> {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, jwks.length);
            x.getResponseBody().write(jwks);
            x.close();
        });
        server.createContext("/jwk", x -> {
            x.getResponseHeaders().add("Location", "/elsewhere");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Map<String, String> s = new HashMap<>(base());
            s.remove("jwks-file");
            s.put("jwks-url", base + "/elsewhere");
            assertThat(build(s).authenticate(sign(keyA, claims())).caller()).as("the server serves the keys").isPresent();

            s.put("jwks-url", base + "/jwk");
            assertThat(refusal(build(s), sign(keyA, claims()))).isEqualTo(TokenRefusal.KEYS_UNAVAILABLE);
        } finally {
            server.stop(0);
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    private AccessTokens tokens(Map<String, String> overrides) throws Exception {
        Map<String, String> s = new HashMap<>(base());
        s.putAll(overrides);
        return build(s);
    }

    private Map<String, String> base() throws IOException {
        writeJwks(keyA);
        Files.writeString(dir.resolve("maskinporten.json"), """
                {"consumers": [{"name": "oslo-centres", "organisation": "974760673", "sources": ["urn:no:udi:mot:centre:C-0301-*"]}]}
                """);
        return Map.of("issuer", ISSUER, "audience", AUDIENCE, "scope", SCOPE, "jwks-file", "jwks.json");
    }

    private AccessTokens build(Map<String, String> s) {
        HubSettings settings = new HubSettings(k -> k.startsWith(MaskinportenSettings.P)
                ? Optional.ofNullable(s.get(k.substring(MaskinportenSettings.P.length()))) : Optional.empty());
        return Maskinporten.load(settings, dir).orElseThrow().tokens(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void writeJwks(RSAKey... keys) throws IOException {
        Path tmp = dir.resolve("jwks.json.tmp");
        Files.writeString(tmp, new JWKSet(List.of((com.nimbusds.jose.jwk.JWK[]) keys)).toPublicJWKSet().toString());
        Files.move(tmp, dir.resolve("jwks.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static TokenRefusal refusal(AccessTokens tokens, String token) {
        Authentication a = tokens.authenticate(token);
        assertThat(a.caller()).as("accepted, but expected a refusal").isEmpty();
        return a.refusal().orElseThrow();
    }

    static Date at(int secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    static Map<String, Object> consumer(String org) {
        return Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + org);
    }

    static JWTClaimsSet claims() {
        return claims(b -> { });
    }

    static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
                .issueTime(at(-10)).expirationTime(at(110)).claim("scope", SCOPE).claim("consumer", consumer(OSLO))
                .claim("client_id", "b7c6a4e2-1f0d-4c3b-9a8e-5d2f1e0c9b7a").jwtID("j-" + System.nanoTime());
        change.accept(b);
        return b.build();
    }

    static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}

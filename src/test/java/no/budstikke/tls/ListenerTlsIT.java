package no.budstikke.tls;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import no.budstikke.auth.ApiKeys;
import no.budstikke.config.ConfigException;
import no.budstikke.testing.TestCertificates;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the real hub's intake and ops listener: a PKCS12 keystore and PEM files, TLS 1.1 refused,
 * client certificates per sender, the production profile's refusal of plain HTTP and the trusted
 * proxies that make plain HTTP acceptable.
 */
class ListenerTlsIT {

    private static final String EVENT = "examples/events/missing.json";
    /** A centre whose api-keys.json entry lists one client certificate subject. */
    private static final String MTLS_KEY = "tls-test-mtls-centre-key";
    /** The same centre's sources, without client certificates. */
    private static final String PLAIN_KEY = "tls-test-plain-centre-key";
    /** An ops caller that must also present its certificate. */
    private static final String MTLS_OPS_KEY = "tls-test-mtls-ops-key";
    /** Listed in api-keys.json in another spelling than keytool writes it: the forms must still match. */
    private static final String LISTED_SUBJECT = "cn=Mottak Oslo,o=Oslo kommune,2.5.4.97=NTRNO-123456789";

    @TempDir
    static Path certs;
    static TestCertificates.Pair server;
    static TestCertificates.Pair listed;
    static TestCertificates.Pair unlisted;
    /** Issued by nobody the truststore trusts. */
    static TestCertificates.Pair stranger;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        server = TestCertificates.selfSigned(certs, "server", "CN=localhost, O=Budstikke test");
        listed = TestCertificates.selfSigned(certs, "listed", "CN=Mottak Oslo, O=Oslo kommune, OID.2.5.4.97=NTRNO-123456789");
        // the same name with another organisation number: the number is what identifies the agency
        unlisted = TestCertificates.selfSigned(certs, "unlisted", "CN=Mottak Oslo, O=Oslo kommune, OID.2.5.4.97=NTRNO-999999999");
        stranger = TestCertificates.selfSigned(certs, "stranger", "CN=Mottak Oslo, O=Oslo kommune, OID.2.5.4.97=NTRNO-123456789");
    }

    private Map<String, String> settings() {
        return TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
    }

    private static Map<String, String> withPkcs12(Map<String, String> s) {
        s.put(ListenerTls.KEYSTORE, server.pkcs12().toString());
        s.put(ListenerTls.KEYSTORE_PASSWORD, TestCertificates.PASSWORD);
        return s;
    }

    @Test
    void aPkcs12KeystoreServesIntakeAndOpsOverTlsAndPlainHttpGetsNoAnswer() throws Exception {
        try (TestHub hub = TestHub.start(withPkcs12(settings()))) {
            HttpClient client = client(TestCertificates.clientContext(server, null), null);

            assertThat(postEvent(client, hub, TestHub.CENTRE_0301_KEY).statusCode()).isEqualTo(202);
            assertThat(client.send(HttpRequest.newBuilder(https(hub, "/api/v1/quarantine")).header("Authorization", "Bearer " + TestHub.OPS_KEY)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(catchThrowable(() -> hub.post("/api/v1/events", "application/cloudevents+json", event(), TestHub.CENTRE_0301_KEY)))
                    .as("plain HTTP on the TLS port").isInstanceOf(IllegalStateException.class).hasMessage("request failed");
            assertThat(hub.getManagement("/observe/health/live").statusCode()).as("probes stay on plain HTTP").isEqualTo(200);
        }
    }

    @Test
    void pemFilesServeTheSameWithTls12AndTls13() throws Exception {
        Map<String, String> s = settings();
        s.put(ListenerTls.CERTIFICATE, server.certificatePem().toString());
        s.put(ListenerTls.PRIVATE_KEY, server.privateKeyPem().toString());
        try (TestHub hub = TestHub.start(s)) {
            for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
                HttpClient client = client(TestCertificates.clientContext(server, null), protocol);
                assertThat(postEvent(client, hub, TestHub.CENTRE_0301_KEY).statusCode()).as(protocol).isEqualTo(202);
            }
        }
    }

    @Test
    void aClientOfferingOnlyTls11IsRefusedWhileTheSameClientWithTls12Connects() throws Exception {
        try (TestHub hub = TestHub.start(withPkcs12(settings()))) {
            int port = hub.uri("/").getPort();

            OpenSsl tls12 = openSsl(port, "-tls1_2");
            OpenSsl tls11 = openSsl(port, "-tls1_1");

            assertThat(tls12.exit()).as(tls12.out()).isZero();
            assertThat(tls12.out()).contains("New, TLSv1.2, Cipher is");
            assertThat(tls11.exit()).as(tls11.out()).isNotZero();
            assertThat(tls11.out()).as("the client did offer TLS 1.1; the server answered with an alert")
                    .doesNotContain("no protocols available").contains("alert protocol version");
        }
    }

    @Test
    void theProtocolSettingReachesTheListener() throws Exception {
        Map<String, String> s = withPkcs12(settings());
        s.put(ListenerTls.PROTOCOLS, "TLSv1.3");
        try (TestHub hub = TestHub.start(s)) {
            int port = hub.uri("/").getPort();

            OpenSsl tls13 = openSsl(port, "-tls1_3");
            OpenSsl tls12 = openSsl(port, "-tls1_2");

            assertThat(tls13.exit()).as(tls13.out()).isZero();
            assertThat(tls13.out()).contains("New, TLSv1.3, Cipher is");
            assertThat(tls12.exit()).as(tls12.out()).isNotZero();
            assertThat(tls12.out()).contains("alert protocol version");
        }
    }

    @Test
    void aSenderWithListedCertificatesIsServedOnlyWithOneOfThem() throws Exception {
        try (TestHub hub = TestHub.start(mutualTls("request"))) {
            HttpClient withListed = client(TestCertificates.clientContext(server, listed), null);
            HttpClient withUnlisted = client(TestCertificates.clientContext(server, unlisted), null);
            HttpClient withNone = client(TestCertificates.clientContext(server, null), null);

            assertThat(postEvent(withListed, hub, MTLS_KEY).statusCode()).isEqualTo(202);

            HttpResponse<String> wrong = postEvent(withUnlisted, hub, MTLS_KEY);
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(wrong.body()).contains("problems/client-certificate\"").contains("not among those configured")
                    .doesNotContain(MTLS_KEY, "NTRNO", "Mottak", "127.0.0.1");

            HttpResponse<String> none = postEvent(withNone, hub, MTLS_KEY);
            assertThat(none.statusCode()).isEqualTo(403);
            assertThat(none.body()).contains("problems/client-certificate\"").contains("present it in the TLS handshake");

            assertThat(postEvent(withNone, hub, PLAIN_KEY).statusCode()).as("a sender without listed certificates").isEqualTo(202);
            assertThat(postEvent(withUnlisted, hub, "not-a-key").statusCode()).as("an unknown key is still 401").isEqualTo(401);
            assertThat(catchThrowable(() -> postEvent(client(TestCertificates.clientContext(server, stranger), null), hub, MTLS_KEY)))
                    .as("the listed subject, but from an issuer the truststore does not hold").isInstanceOf(IOException.class);

            HttpRequest ops = HttpRequest.newBuilder(https(hub, "/api/v1/quarantine")).header("Authorization", "Bearer " + MTLS_OPS_KEY)
                    .GET().build();
            assertThat(withListed.send(ops, HttpResponse.BodyHandlers.ofString()).statusCode()).as("ops API, listed").isEqualTo(200);
            assertThat(withUnlisted.send(ops, HttpResponse.BodyHandlers.ofString()).statusCode()).as("ops API, unlisted").isEqualTo(403);
        }
    }

    @Test
    void requiredClientCertificatesRefuseAClientWithoutOneInTheHandshake() throws Exception {
        try (TestHub hub = TestHub.start(mutualTls("require"))) {
            HttpClient withListed = client(TestCertificates.clientContext(server, listed), null);
            HttpClient withNone = client(TestCertificates.clientContext(server, null), null);

            assertThat(postEvent(withListed, hub, MTLS_KEY).statusCode()).isEqualTo(202);
            assertThat(catchThrowable(() -> postEvent(withNone, hub, PLAIN_KEY))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void behindTrustedProxiesPlainHttpIsServedToThemAndRefusedToOthers() throws IOException {
        Map<String, String> trusted = settings();
        trusted.put(TrustedProxies.SETTING, "10.0.0.0/8, 127.0.0.1");
        try (TestHub hub = TestHub.start(trusted)) {
            assertThat(hub.post("/api/v1/events", "application/cloudevents+json", event(), TestHub.CENTRE_0301_KEY).statusCode()).isEqualTo(202);
        }

        Map<String, String> elsewhere = settings();
        elsewhere.put(TrustedProxies.SETTING, "10.0.0.0/8");
        try (TestHub hub = TestHub.start(elsewhere)) {
            HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", event(), TestHub.CENTRE_0301_KEY);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("problems/untrusted-peer\"").doesNotContain("127.0.0.1", "10.0.0.0");
            HttpRequest forwarded = HttpRequest.newBuilder(hub.uri("/api/v1/quarantine")).header("Authorization", "Bearer " + TestHub.OPS_KEY)
                    .header("X-Forwarded-For", "10.0.0.1").header("Forwarded", "for=10.0.0.1").GET().build();
            assertThat(hub.send(forwarded).statusCode()).as("forwarded headers are never read").isEqualTo(403);
            assertThat(hub.getManagement("/observe/health/live").statusCode()).as("probes are not behind the proxy").isEqualTo(200);
        }
    }

    @Test
    void theProductionProfileRefusesPlainHttpNamingBothWaysOut() {
        Map<String, String> s = production();

        String message = startFailure(s);

        assertThat(message).contains("budstikke.tls.keystore.file").contains("the production profile refuses plain HTTP")
                .contains("budstikke.http.trusted-proxies");
    }

    @Test
    void theProductionProfileStartsWithTls() throws Exception {
        try (TestHub hub = TestHub.start(withPkcs12(production()))) {
            assertThat(postEvent(client(TestCertificates.clientContext(server, null), null), hub, TestHub.CENTRE_0301_KEY).statusCode())
                    .isEqualTo(202);
        }
    }

    @Test
    void aBadTlsSettingStopsTheStartNamingTheSetting() {
        Map<String, String> s = withPkcs12(settings());
        s.put(ListenerTls.KEYSTORE_PASSWORD, "wrong-password");

        assertThat(startFailure(s)).contains("setting 'budstikke.tls.keystore.password': it does not open").doesNotContain("wrong-password");
    }

    @Test
    void listedCertificatesOnAListenerThatDoesNotAskForThemStopTheStart() throws IOException {
        Map<String, String> s = mutualTls("none");
        s.remove(ListenerTls.TRUSTSTORE);

        assertThat(startFailure(s)).contains("setting 'budstikke.tls.client-auth': api-keys.json lists client certificates");
    }

    private Map<String, String> production() {
        Map<String, String> s = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.POSTGRES, dir));
        s.put("budstikke.profile", "production");
        s.put("budstikke.delivery.sandbox", "false");
        s.put("budstikke.ops.mailbox", "Drift <drift@hub.test>");
        s.put("budstikke.intake.file.sources", "none");
        return s;
    }

    private Map<String, String> mutualTls(String clientAuth) throws IOException {
        Map<String, String> s = withPkcs12(settings());
        s.put(ListenerTls.CLIENT_AUTH, clientAuth);
        s.put(ListenerTls.TRUSTSTORE, TestCertificates.bundle(dir.resolve("client-cas.pem"), listed, unlisted).toString());
        Path keys = dir.resolve("api-keys.json");
        Files.writeString(keys, """
                {"keys": [
                  {"name": "centre-mtls", "sha256": "%s", "sources": ["urn:no:udi:mot:centre:C-0301-01"], "clientCertificates": ["%s"]},
                  {"name": "centre-plain", "sha256": "%s", "sources": ["urn:no:udi:mot:centre:C-0301-01"]},
                  {"name": "ops-mtls", "sha256": "%s", "sources": [], "ops": true, "clientCertificates": ["%s"]}
                ]}
                """.formatted(ApiKeys.sha256Hex(MTLS_KEY), LISTED_SUBJECT, ApiKeys.sha256Hex(PLAIN_KEY), ApiKeys.sha256Hex(MTLS_OPS_KEY),
                LISTED_SUBJECT));
        s.put("budstikke.api-keys.file", keys.toString());
        return s;
    }

    private static String startFailure(Map<String, String> settings) {
        Throwable thrown = catchThrowable(() -> TestHub.start(settings).close());
        assertThat(thrown).as("the hub started, but it should have refused").isInstanceOf(IllegalStateException.class);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) return t.getMessage();
        }
        throw new AssertionError("no ConfigException in the cause chain", thrown);
    }

    private static byte[] event() throws IOException {
        return Files.readAllBytes(Path.of(EVENT));
    }

    private static URI https(TestHub hub, String path) {
        return URI.create(hub.uri(path).toString().replaceFirst("^http:", "https:"));
    }

    private static HttpResponse<String> postEvent(HttpClient client, TestHub hub, String key) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(https(hub, "/api/v1/events")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/cloudevents+json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(event())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A fresh client (no pooled connection carries over between certificates); {@code protocol} null: the JDK's default offer. */
    private static HttpClient client(SSLContext context, String protocol) {
        HttpClient.Builder b = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5));
        if (protocol != null) {
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(new String[] {protocol});
            b.sslParameters(parameters);
        }
        return b.build();
    }

    record OpenSsl(int exit, String out) {
    }

    /** openssl's own client, which can still offer TLS 1.1 (the JDK's client no longer does). */
    private static OpenSsl openSsl(int port, String protocol) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, protocol,
                "-cipher", "DEFAULT@SECLEVEL=0"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        // "Q" ends the session at once, instead of waiting for the server to close it
        p.getOutputStream().write("Q\n".getBytes(UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new OpenSsl(p.exitValue(), out);
    }
}

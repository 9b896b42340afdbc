package no.budstikke.delivery.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import no.budstikke.delivery.Delivery;
import no.budstikke.delivery.Failure;
import no.budstikke.model.Channel;
import no.budstikke.model.Priority;
import no.budstikke.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * routes/4-channels/deliver-http.camel.yaml, alone in a CamelContext, against real HTTP servers (WireMock on
 * 127.0.0.1): what the office receives, and what each answer means to the outbox.
 */
class HttpDeliveryIT {

    static final String PATH = "/ema/notices";
    static final String TOKEN = "office-token.AbC-123_xyz~";
    static final String BASIC_SECRET = "budstikke:p4ss-W0rd!";
    static final String BODY_SECRET = "ECHO-12345678901-PERSONAL";
    static final int READ_TIMEOUT_MS = 1000;
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    static WireMockServer office;
    static WireMockServer other;
    static CamelContext camel;
    static ProducerTemplate template;
    static final Map<String, String> environment = new ConcurrentHashMap<>();
    static final HttpFailures failures = new HttpFailures(Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    static Path secrets;

    @BeforeAll
    static void start() throws Exception {
        office = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        other = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        office.start();
        other.start();

        Path basic = secrets.resolve("basic-secret");
        Files.writeString(basic, BASIC_SECRET + "\n");
        environment.put("BEARER_OFFICE_TOKEN", TOKEN);

        Properties settings = new Properties();
        settings.setProperty("budstikke.delivery.http.connect-timeout-ms", "1000");
        settings.setProperty("budstikke.delivery.http.connection-request-timeout-ms", "1000");
        settings.setProperty("budstikke.delivery.http.read-timeout-ms", String.valueOf(READ_TIMEOUT_MS));
        settings.setProperty("budstikke.delivery.auth.office-bearer", "bearer env:BEARER_OFFICE_TOKEN");
        settings.setProperty("budstikke.delivery.auth.office-basic", "basic file:" + basic);
        settings.setProperty("budstikke.delivery.auth.office-missing-secret", "bearer env:NOT_IN_THE_ENVIRONMENT");

        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(settings);
        camel.getRegistry().bind("officeSecrets",
                new OfficeSecrets(key -> camel.getPropertiesComponent().resolveProperty(key), environment::get));
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/4-channels/deliver-http.camel.yaml"));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) camel.close();
        if (office != null) office.stop();
        if (other != null) other.stop();
    }

    @BeforeEach
    void reset() {
        office.resetAll();
        other.resetAll();
    }

    @Test
    void postsExactlyTheDocumentAsJsonWithTheIdempotencyKeyAndTheOfficesBearerToken() {
        office.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withHeader("X-Request-Id", "rcpt-42")));
        Delivery delivery = delivery("office-bearer", officeUrl());

        Exchange done = send(delivery, Map.of());

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeaders()).containsOnlyKeys("BudstikkeReceipt");
        assertThat(done.getMessage().getHeader("BudstikkeReceipt")).isEqualTo("HTTP 201 X-Request-Id=rcpt-42");
        assertThat(done.getMessage().getBody()).isSameAs(delivery);
        LoggedRequest got = onlyRequest();
        assertThat(got.getMethod().getName()).isEqualTo("POST");
        assertThat(got.getUrl()).isEqualTo(PATH);
        assertThat(got.getBodyAsString()).isEqualTo(delivery.document());
        assertThat(got.getBody()).isEqualTo(delivery.document().getBytes(UTF_8));
        assertThat(got.getHeader("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(got.getHeader("Idempotency-Key")).isEqualTo(delivery.noticeId());
        assertThat(got.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void sendsBasicAuthFromTheMountedSecretFile() {
        office.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));

        Exchange done = send(delivery("office-basic", officeUrl()), Map.of());

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader("BudstikkeReceipt")).isEqualTo("HTTP 200");
        assertThat(onlyRequest().getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString(BASIC_SECRET.getBytes(UTF_8)));
    }

    @Test
    void anOfficeWithoutAuthGetsNoAuthorizationHeader() {
        office.stubFor(post(PATH).willReturn(aResponse().withStatus(202)));

        Exchange done = send(delivery("office-open", officeUrl()), Map.of());

        assertThat(done.getException()).isNull();
        assertThat(onlyRequest().containsHeader("Authorization")).isFalse();
    }

    @Test
    void aRetryOfTheSameDeliveryCarriesTheSameIdempotencyKey() {
        office.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        office.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201)));
        Delivery first = delivery("office-bearer", officeUrl());
        Delivery retry = new Delivery(first.noticeId(), first.duty(), first.kind(), first.priority(), first.officeId(),
                first.officeName(), first.channel(), first.address(), first.attempt() + 1, first.document());

        Exchange failed = send(first, Map.of());
        Exchange delivered = send(retry, Map.of());

        assertThat(failures.classify(failed.getException())).hasValueSatisfying(f -> assertThat(f.permanent()).isFalse());
        assertThat(delivered.getException()).isNull();
        List<LoggedRequest> got = office.findAll(anyRequestedFor(anyUrl()));
        assertThat(got).hasSize(2);
        assertThat(got).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(first.noticeId());
        assertThat(got).extracting(LoggedRequest::getBodyAsString).containsOnly(first.document());
    }

    @Test
    void aServerErrorFailsAsTransientWithoutTheResponseBodyOrTheCredentialLeft() {
        office.stubFor(post(PATH).willReturn(aResponse().withStatus(500).withBody("{\"echo\":\"" + BODY_SECRET + "\"}")));

        Delivery delivery = delivery("office-bearer", officeUrl());

        Exchange done = send(delivery, Map.of());

        assertThat(done.getException()).isInstanceOf(HttpRejectedException.class).hasMessage("HTTP 500 from 127.0.0.1");
        assertThat(failures.classify(done.getException())).contains(new Failure(false, "HTTP 500", Optional.empty()));
        assertThat(allTexts(done.getException())).doesNotContain(BODY_SECRET).doesNotContain(PATH);
        assertThat(done.getMessage().getHeaders()).isEmpty();
        assertThat(done.getMessage().getBody()).isSameAs(delivery);
        assertThat(done.getProperties()).doesNotContainKeys("budstikkeDelivery", "budstikkeHttpTarget");
    }

    @Test
    void tooManyRequestsIsTransientAndHonoursRetryAfter() {
        office.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        Exchange done = send(delivery("office-bearer", officeUrl()), Map.of());

        assertThat(failures.classify(done.getException()))
                .contains(new Failure(false, "HTTP 429", Optional.of(Duration.ofSeconds(7))));
        // The client itself neither waited nor asked again: retrying is the outbox's job.
        assertThat(office.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void notFoundIsPermanent() {
        office.stubFor(post(PATH).willReturn(aResponse().withStatus(404).withBody(BODY_SECRET)));

        Exchange done = send(delivery("office-bearer", officeUrl()), Map.of());

        assertThat(failures.classify(done.getException())).contains(Failure.permanentFailure("HTTP 404"));
        assertThat(allTexts(done.getException())).doesNotContain(BODY_SECRET);
    }

    @Test
    void aRedirectIsNotFollowedAndIsPermanent() {
        office.stubFor(post(PATH).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://127.0.0.1:" + other.port() + "/elsewhere")));
        other.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));

        Exchange done = send(delivery("office-bearer", officeUrl()), Map.of());

        assertThat(failures.classify(done.getException())).contains(Failure.permanentFailure("HTTP 307"));
        assertThat(other.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutFailsAsTransientInBoundedTime() {
        office.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withFixedDelay(READ_TIMEOUT_MS * 6)));

        CompletableFuture<Exchange> sending = CompletableFuture.supplyAsync(() -> send(delivery("office-bearer", officeUrl()), Map.of()));

        await().atMost(Duration.ofMillis(READ_TIMEOUT_MS * 4L)).until(sending::isDone);
        Exchange done = sending.join();
        assertThat(done.getException()).isNotNull();
        assertThat(failures.classify(done.getException())).hasValueSatisfying(f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.detail()).isEqualTo("java.net.SocketTimeoutException");
        });
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        Exchange done = send(delivery("office-open", "http://127.0.0.1:" + closedPort + PATH), Map.of());

        assertThat(failures.classify(done.getException())).hasValueSatisfying(f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.detail()).endsWith("ConnectException");
        });
    }

    @Test
    void inboundHeadersCannotRedirectTheCallOrLendItCredentials() {
        office.stubFor(post(PATH).willReturn(aResponse().withStatus(201)));
        other.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
        Map<String, Object> inbound = new HashMap<>();
        inbound.put(Exchange.HTTP_URI, "http://127.0.0.1:" + other.port() + "/evil");
        inbound.put(Exchange.HTTP_PATH, "/evil");
        inbound.put(Exchange.HTTP_QUERY, "leak=1");
        inbound.put(Exchange.HTTP_RAW_QUERY, "leak=1");
        inbound.put(Exchange.HTTP_METHOD, "PUT");
        inbound.put("Host", "127.0.0.1:" + other.port());
        inbound.put("Authorization", "Bearer stolen");
        inbound.put("X-Forwarded-For", "10.0.0.1");

        Exchange withAuth = send(delivery("office-bearer", officeUrl()), inbound);
        Exchange withoutAuth = send(delivery("office-open", officeUrl()), inbound);

        assertThat(withAuth.getException()).isNull();
        assertThat(withoutAuth.getException()).isNull();
        assertThat(other.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        List<LoggedRequest> got = office.findAll(anyRequestedFor(anyUrl()));
        assertThat(got).hasSize(2);
        assertThat(got).allSatisfy(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("POST");
            assertThat(r.getUrl()).isEqualTo(PATH);
            assertThat(r.getHeader("Host")).isEqualTo("127.0.0.1:" + office.port());
            assertThat(r.containsHeader("X-Forwarded-For")).isFalse();
        });
        assertThat(got.get(0).getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(got.get(1).containsHeader("Authorization")).isFalse();
    }

    @Test
    void anAddressThatIsNotHttpIsRejectedBeforeAnyCall() {
        Exchange done = send(delivery("office-bearer", "file:/etc/passwd"), Map.of());

        assertThat(done.getException()).hasRootCauseInstanceOf(HttpAddressException.class);
        assertThat(allTexts(done.getException())).contains("office 'office-bearer'").doesNotContain("passwd");
        assertThat(failures.classify(done.getException())).hasValueSatisfying(f -> assertThat(f.permanent()).isTrue());
    }

    @Test
    void aMissingSecretFailsNamingTheOfficeAndTheSettingBeforeAnyCall() {
        office.stubFor(post(PATH).willReturn(aResponse().withStatus(201)));

        Exchange done = send(delivery("office-missing-secret", officeUrl()), Map.of());

        assertThat(failures.classify(done.getException())).hasValueSatisfying(f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.detail()).contains("office-missing-secret", "budstikke.delivery.auth.office-missing-secret");
        });
        assertThat(office.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void neitherTheSecretsNorTheResponseBodyReachTheLogs() {
        office.stubFor(post(PATH).inScenario("logs").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody(BODY_SECRET)).willSetStateTo("up"));
        office.stubFor(post(PATH).inScenario("logs").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withBody(BODY_SECRET)));

        try (LogCapture logs = LogCapture.attach()) {
            send(delivery("office-bearer", officeUrl()), Map.of());
            send(delivery("office-basic", officeUrl()), Map.of());
            send(delivery("office-missing-secret", officeUrl()), Map.of());

            assertThat(logs.all()).doesNotContain(TOKEN).doesNotContain(BASIC_SECRET)
                    .doesNotContain(Base64.getEncoder().encodeToString(BASIC_SECRET.getBytes(UTF_8)))
                    .doesNotContain(BODY_SECRET);
        }
    }

    // --- helpers

    static String officeUrl() {
        return "http://127.0.0.1:" + office.port() + PATH;
    }

    static Delivery delivery(String officeId, String address) {
        String noticeId = java.util.UUID.randomUUID().toString().replace("-", "");
        // Non-ASCII on purpose: the body must arrive byte for byte as UTF-8.
        String document = "{\"schema\":\"https://budstikke.example/schemas/notice/notice-v1.schema.json\",\"noticeId\":\""
                + noticeId + "\",\"duty\":\"O17\",\"kind\":\"missing-child\",\"content\":{\"note\":\"Barnet er savnet, sist sett på Tøyen\"}}";
        return new Delivery(noticeId, "O17", "missing-child", Priority.URGENT, officeId, "Oslo politidistrikt",
                Channel.HTTP, address, 1, document);
    }

    static Exchange send(Delivery delivery, Map<String, Object> inboundHeaders) {
        return template.send("direct:deliver-http", e -> {
            e.getMessage().setHeaders(new HashMap<>(inboundHeaders));
            e.getMessage().setBody(delivery);
        });
    }

    static LoggedRequest onlyRequest() {
        List<LoggedRequest> got = office.findAll(anyRequestedFor(anyUrl()));
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    /** Every message and toString in the exception's chain. */
    static String allTexts(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) sb.append(c).append(' ').append(c.getMessage()).append('\n');
        return sb.toString();
    }
}

package no.budstikke.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import no.budstikke.testing.TestOffices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, item 9: Prometheus metrics per channel and office, and the delivery health check, while
 * one office (the Oslo police) answers 503 and the others take their notices. The office that is
 * away shows as degraded; the hub stays ready; the metrics name offices, never persons.
 */
class DeliveryMetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRICS = "/observe/metrics";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** The personal values of events/missing.json. */
    private static final List<String> PERSONAL = List.of("Amina", "Hassan", "201912345678", "2010-03-14", "Kari", "Nordmann",
            "kari.nordmann", "Per Hansen", "per.hansen", "example.org", "+4791234567", "4791234567", "+4722334455", "4722334455",
            "Asthma", "Storo");

    @TempDir
    Path dir;

    private WireMockServer http;
    private GreenMail smtp;
    private TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) hub.close();
        if (smtp != null) smtp.stop();
        if (http != null) http.stop();
    }

    @Test
    void anOfficeThatIsAwayIsCountedAndShownDegradedWhileTheHubStaysReady() throws Exception {
        http = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        http.start();
        http.stubFor(post(urlEqualTo("/udi-region-ost")).willReturn(aResponse().withStatus(201)));
        http.stubFor(post(urlEqualTo("/police-oslo")).willReturn(aResponse().withStatus(503)));
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> p = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
        p.put("budstikke.config.dir", TestOffices.configFolder(dir.resolve("offices"), "http://127.0.0.1:" + http.port(),
                "sftp://budstikke@127.0.0.1:1").toString());
        p.put("budstikke.delivery.sandbox", "false");
        p.put("budstikke.delivery.poll-ms", "100");
        p.put("budstikke.delivery.metrics-ms", "200");
        // The police keep answering 503: retried about once a second, never given up on during the test.
        p.put("budstikke.delivery.retry.http.initial-ms", "1000");
        p.put("budstikke.delivery.retry.http.max-delay-ms", "1000");
        p.put("budstikke.delivery.retry.http.max-attempts", "1000");
        p.putAll(TestOffices.mailServer(smtp.getSmtp().getPort()));
        hub = TestHub.start(p);

        HttpResponse<String> accepted = hub.post("/api/v1/events", "application/cloudevents+json",
                Files.readAllBytes(Path.of("examples/events/missing.json")), TestHub.ALL_CENTRES_KEY);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(value(metrics, "budstikke_notices_delivered_total", "http", "udi-region-ost")).as(metrics)
                    .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1.0));
            assertThat(value(metrics, "budstikke_notices_failed_total", "http", "police-oslo")).as(metrics)
                    .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1.0));
            assertThat(value(metrics, "budstikke_outbox_pending", "http", "police-oslo")).as(metrics)
                    .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1.0));
            assertThat(value(metrics, "budstikke_outbox_oldest_pending_age_seconds", "http", "police-oslo")).as(metrics)
                    .hasValueSatisfying(v -> assertThat(v).isGreaterThan(0.0));
            // The mail offices got theirs; the event's contacts are phoned by staff (O23 tasks): no channel sends to them.
            assertThat(value(metrics, "budstikke_notices_delivered_total", "mail", "udi-bfe")).isPresent();
            assertThat(value(metrics, "budstikke_notices_delivered_total", "mail", "contact:lawyer")).isEmpty();
            // An office whose notices all went out waits for nothing, once the backlog is read again.
            assertThat(value(metrics, "budstikke_outbox_pending", "http", "udi-region-ost")).satisfiesAnyOf(
                    v -> assertThat(v).isEmpty(), v -> assertThat(v).hasValue(0.0));
        });

        String metrics = metrics();
        assertThat(value(metrics, "budstikke_notices_dead_total", "http", "police-oslo")).isEmpty();
        assertThat(value(metrics, "budstikke_notices_failed_total", "http", "udi-region-ost")).isEmpty();
        for (String value : PERSONAL) assertThat(metrics).as("metrics text").doesNotContain(value);
        assertThat(metrics).doesNotContain("offices.example");
        // The hub's own metrics name offices by id, never by address.
        assertThat(metrics.lines().filter(l -> l.startsWith("budstikke_")).toList())
                .isNotEmpty().noneMatch(l -> l.contains("127.0.0.1") || l.contains("http:") || l.contains("@"));

        assertThat(deliveryCheck("").path("status").asText()).isEqualTo("UP");
        // Awaited: while a retry is on its way the notice is SENDING, not FAILED, for a moment.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode delivery = deliveryCheck("?exposureLevel=full&data=true");
            assertThat(delivery.path("status").asText()).as(delivery.toString()).isEqualTo("UP");
            assertThat(delivery.path("data").path("state").asText()).as(delivery.toString()).isEqualTo("degraded");
            assertThat(delivery.path("data").path("office.police-oslo").asText()).as(delivery.toString())
                    .isEqualTo("1 notice(s) failed or dead");
            assertThat(delivery.path("data").toString()).doesNotContain("udi-region-ost", "udi-bfe", "barnevern-oslo", "contact:");
        });

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> ready = hub.getManagement("/observe/health/ready");
            assertThat(ready.statusCode()).as("one office away does not make the hub unready: %s", ready.body()).isEqualTo(200);
        });
    }

    private String metrics() {
        HttpResponse<String> r = hub.getManagement(METRICS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /**
     * The check named "delivery" in the health report. The management server lists each check's
     * details ("data") only when asked with {@code data=true}.
     */
    private JsonNode deliveryCheck(String query) throws Exception {
        HttpResponse<String> r = hub.getManagement("/observe/health" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode health = JSON.readTree(r.body());
        return StreamSupport.stream(health.path("checks").spliterator(), false)
                .filter(c -> c.path("name").asText().equals("delivery")).findFirst()
                .orElseThrow(() -> new AssertionError("no check 'delivery' in " + r.body()));
    }

    /** The sample of a metric with exactly these channel and office labels, if there is one. */
    private static Optional<Double> value(String metrics, String name, String channel, String office) {
        Matcher m = SAMPLE.matcher(metrics);
        while (m.find()) {
            if (!m.group(1).equals(name)) continue;
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) labels.put(l.group(1), l.group(2));
            if (channel.equals(labels.get("channel")) && office.equals(labels.get("office"))) {
                return Optional.of(Double.parseDouble(m.group(3)));
            }
        }
        return Optional.empty();
    }
}

package no.budstikke.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import no.budstikke.testing.TestOffices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP office that refuses connections for a while, then comes back: while it is away only its
 * probe is tried, and once it is back its waiting notices go within the probe interval, each once.
 * The per-notice retry is set long (20 s) so that only the office's probe can bring them in time.
 */
class OfficeBackoffIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICE = "/police-oslo";
    private static final int NOTICES = 5;
    private static final Duration PROBE_CAP = Duration.ofSeconds(2);
    private static final Duration OUTAGE = Duration.ofSeconds(12);

    @TempDir
    Path dir;

    private WireMockServer server;
    private TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) hub.close();
        if (server != null) server.stop();
    }

    @Test
    void anOfficeThatComesBackGetsItsWaitingNoticesWithinTheProbeIntervalEachOnce() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        int port = server.port();
        Map<String, String> p = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
        p.put("budstikke.config.dir", TestOffices.configFolder(dir.resolve("c"), "http://127.0.0.1:" + port,
                "sftp://budstikke@127.0.0.1:1").toString());
        p.put("budstikke.delivery.sandbox", "false");
        p.put("budstikke.delivery.poll-ms", "100");
        p.put("budstikke.delivery.retry.http.initial-ms", "20000");
        p.put("budstikke.delivery.retry.http.max-delay-ms", "60000");
        p.put("budstikke.delivery.office.probe-start-ms", "500");
        p.put("budstikke.delivery.office.probe-cap-ms", String.valueOf(PROBE_CAP.toMillis()));
        p.put("budstikke.delivery.office.down-after", "3");
        p.put("budstikke.delivery.metrics-ms", "500");
        hub = TestHub.start(p);
        server.stop(); // connections to the office are refused from now on

        long outageStart = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < NOTICES; i++) ids.add(policeNotice(postMissing(i)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(health()).contains("\"office.police-oslo.state\":\"down\""));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(officeState("police-oslo")).as("down").isEqualTo("2.0"));
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - outageStart) / 1_000_000));

        Map<String, Integer> attempts = attempts(ids);
        long probed = attempts.values().stream().filter(a -> a > 1).count();
        assertThat(probed).as("only the probe is tried again during the outage: %s", attempts).isLessThanOrEqualTo(1);
        assertThat(attempts.values().stream().mapToInt(Integer::intValue).sum())
                .as("one attempt each at most, and probes at most every 0.5 s over %s: %s", OUTAGE, attempts)
                .isLessThanOrEqualTo(NOTICES + (int) (OUTAGE.toMillis() / 500));
        assertThat(attempts.values().stream().mapToInt(Integer::intValue).max().orElse(0))
                .as("the probe was tried more than once: %s", attempts).isGreaterThan(1);

        server = new WireMockServer(options().port(port).bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo(POLICE)).willReturn(aResponse().withStatus(201)));
        long back = System.nanoTime();
        Duration bound = PROBE_CAP.plusSeconds(5);
        await().atMost(bound).pollInterval(Duration.ofMillis(50))
                .until(() -> ids.stream().allMatch(id -> status(id).equals("DELIVERED")));
        long tookMs = (System.nanoTime() - back) / 1_000_000;
        System.out.printf("office back: %d URGENT notices delivered %d ms after its return (probe cap %d ms, outage %d s); attempts "
                + "before the return %s%n", NOTICES, tookMs, PROBE_CAP.toMillis(), OUTAGE.toSeconds(), attempts.values());

        List<String> keys = server.findAll(postRequestedFor(urlEqualTo(POLICE))).stream().map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(keys).as("each notice arrived once").containsExactlyInAnyOrderElementsOf(ids);
        assertThat(deliveredJournalled(ids)).as("one DELIVERED per notice in the journal").isEqualTo(ids.stream()
                .collect(java.util.stream.Collectors.toMap(id -> id, id -> 1)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(health()).doesNotContain("office.police-oslo.state"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(officeState("police-oslo")).as("receiving").isEqualTo("0.0"));
    }

    /** The example event under an id of its own, so that each is a new event with its own notices. */
    private String postMissing(int n) throws Exception {
        String event = Files.readString(Path.of("examples/events/missing.json")).replace("mot-0301-01-000417", "mot-0301-01-00" + (5000 + n));
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json",
                event.getBytes(java.nio.charset.StandardCharsets.UTF_8), TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    private String policeNotice(String eventKey) throws Exception {
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode status = JSON.readTree(hub.get("/api/v1/events/" + eventKey, TestHub.OPS_KEY).body());
            status.path("notices").forEach(n -> {
                if (n.path("officeId").asText().equals("police-oslo") && !n.path("copy").asBoolean()) {
                    assertThat(n.path("priority").asText()).isEqualTo("URGENT");
                    found[0] = n.path("noticeId").asText();
                }
            });
            assertThat(found[0]).isNotNull();
        });
        return found[0];
    }

    private String status(String id) {
        try {
            return JSON.readTree(hub.get("/api/v1/notices/" + id, TestHub.OPS_KEY).body()).path("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String health() throws Exception {
        return hub.getManagement("/observe/health?data=true").body();
    }

    /** The sample of budstikke_office_state for one office, or "none". */
    private String officeState(String office) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^budstikke_office_state\\{[^}]*office=\"" + office + "\"[^}]*\\} (\\S+)$")
                .matcher(hub.getManagement("/observe/metrics").body());
        return m.find() ? m.group(1) : "none";
    }

    private Map<String, Integer> attempts(List<String> ids) throws Exception {
        return query(ids, "SELECT attempts FROM notice WHERE notice_id = ?");
    }

    private Map<String, Integer> deliveredJournalled(List<String> ids) throws Exception {
        return query(ids, "SELECT COUNT(*) FROM delivery_attempt WHERE notice_id = ? AND outcome = 'DELIVERED'");
    }

    private Map<String, Integer> query(List<String> ids, String sql) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = hub.bean("dataSource", DataSource.class).getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (String id : ids) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    out.put(id, rs.getInt(1));
                }
            }
        }
        return out;
    }
}

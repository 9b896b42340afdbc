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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.budstikke.store.Database;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import no.budstikke.testing.TestOffices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox and the HTTP channel in the running hub, against a real HTTP server: failures,
 * retries, dead letters, replay and recovery after a crash, each judged by what the server got.
 */
class DeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICE = "/police-oslo";

    @TempDir
    Path dir;

    private WireMockServer server;
    private TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) hub.close();
        if (server != null) server.stop();
    }

    private void start(Map<String, String> extra) throws Exception {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            server.stubFor(post(urlEqualTo(POLICE)).willReturn(aResponse().withStatus(201)));
        }
        Map<String, String> p = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
        p.put("budstikke.config.dir", TestOffices.configFolder(dir.resolve("c" + System.nanoTime()),
                "http://127.0.0.1:" + server.port(), "sftp://budstikke@127.0.0.1:1").toString());
        p.put("budstikke.delivery.sandbox", "false");
        p.put("budstikke.delivery.poll-ms", "100");
        p.put("budstikke.delivery.retry.http.initial-ms", "300");
        p.put("budstikke.delivery.retry.http.max-delay-ms", "600");
        p.put("budstikke.delivery.retry.http.max-attempts", "4");
        p.putAll(extra);
        hub = TestHub.start(p);
    }

    private String postMissing() throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json",
                Files.readAllBytes(Path.of("examples/events/missing.json")), TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    private JsonNode policeNotice(String eventKey) throws Exception {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode status = JSON.readTree(hub.get("/api/v1/events/" + eventKey, TestHub.OPS_KEY).body());
            found[0] = null;
            status.path("notices").forEach(n -> {
                if (n.path("officeId").asText().equals("police-oslo") && !n.path("copy").asBoolean()) found[0] = n;
            });
            assertThat(found[0]).isNotNull();
        });
        return found[0];
    }

    private JsonNode notice(String id) throws Exception {
        return JSON.readTree(hub.get("/api/v1/notices/" + id, TestHub.OPS_KEY).body());
    }

    private List<LoggedRequest> policeRequests() {
        return server.findAll(postRequestedFor(urlEqualTo(POLICE)));
    }

    @Test
    void theDocumentArrivesOnceWithItsIdempotencyKeyAndIsMarkedDelivered() throws Exception {
        start(Map.of());
        String id = policeNotice(postMissing()).path("noticeId").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> notice(id).path("status").asText().equals("DELIVERED"));

        assertThat(policeRequests()).hasSize(1);
        LoggedRequest r = policeRequests().get(0);
        assertThat(r.getHeader("Idempotency-Key")).isEqualTo(id);
        JsonNode doc = JSON.readTree(r.getBodyAsString());
        assertThat(doc.path("noticeId").asText()).isEqualTo(id);
        assertThat(doc.path("duty").asText()).isEqualTo("O21");
        assertThat(doc.path("content").path("description").asText()).isNotEmpty();
        assertThat(r.getBodyAsString()).doesNotContain("Asthma", "healthNotes");
        assertThat(notice(id).path("receipt").asText()).startsWith("HTTP 201");
    }

    @Test
    void anOfficeThatIsDownGetsTheNoticeOnceItIsBackAsExactlyOneDelivery() throws Exception {
        start(Map.of());
        int port = server.port();
        server.stop();
        String id = policeNotice(postMissing()).path("noticeId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> notice(id).path("attempts").asInt() >= 2);
        assertThat(notice(id).path("status").asText()).isIn("FAILED", "SENDING");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> ready = hub.getManagement("/observe/health/ready");
            assertThat(ready.statusCode()).as("one office away does not make the hub unready: %s", ready.body()).isEqualTo(200);
        });

        server = new WireMockServer(options().port(port).bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo(POLICE)).willReturn(aResponse().withStatus(201)));
        await().atMost(Duration.ofSeconds(20)).until(() -> notice(id).path("status").asText().equals("DELIVERED"));

        assertThat(policeRequests()).hasSize(1);
        assertThat(policeRequests().get(0).getHeader("Idempotency-Key")).isEqualTo(id);
    }

    @Test
    void aPermanentRefusalGoesDeadAndAReplayAfterTheFixDeliversIt() throws Exception {
        start(Map.of());
        server.stubFor(post(urlEqualTo(POLICE)).willReturn(aResponse().withStatus(404)));
        String id = policeNotice(postMissing()).path("noticeId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> notice(id).path("status").asText().equals("DEAD"));
        assertThat(notice(id).path("lastError").asText()).contains("404");
        assertThat(policeRequests()).hasSize(1);
        assertThat(hub.get("/api/v1/notices?status=DEAD", TestHub.OPS_KEY).body()).contains(id);

        server.stubFor(post(urlEqualTo(POLICE)).willReturn(aResponse().withStatus(201)));
        HttpResponse<String> replay = hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/api/v1/notices/" + id + "/replay"))
                .header("Authorization", "Bearer " + TestHub.OPS_KEY).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> notice(id).path("status").asText().equals("DELIVERED"));

        assertThat(policeRequests()).hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(id));
        JsonNode journal = JSON.readTree(hub.get("/api/v1/journal/events/" + notice(id).path("eventKey").asText(), TestHub.OPS_KEY).body());
        assertThat(journal.toString()).contains("\"action\":\"REPLAY\"", "\"outcome\":\"DEAD\"", "\"outcome\":\"DELIVERED\"");
    }

    @Test
    void aNoticeLeftSendingByACrashIsSentAgainWithTheSameKeyAfterTheRestart() throws Exception {
        start(Map.of("budstikke.delivery.lease-ms", "1000", "budstikke.delivery.lease-renew-ms", "300"));
        String id = policeNotice(postMissing()).path("noticeId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> notice(id).path("status").asText().equals("DELIVERED"));
        hub.close();
        hub = null;
        // As if the hub had died after the office answered but before the answer was recorded.
        try (Connection c = DriverManager.getConnection(Database.embeddedUrl(dir)); PreparedStatement ps = c.prepareStatement(
                "UPDATE notice SET status = 'SENDING', lease_until = CURRENT_TIMESTAMP WHERE notice_id = ?")) {
            ps.setString(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        start(Map.of("budstikke.delivery.lease-ms", "1000", "budstikke.delivery.lease-renew-ms", "300"));
        await().atMost(Duration.ofSeconds(20)).until(() -> notice(id).path("status").asText().equals("DELIVERED"));

        assertThat(policeRequests()).hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(id));
        assertThat(JSON.readTree(policeRequests().get(1).getBodyAsString()))
                .isEqualTo(JSON.readTree(policeRequests().get(0).getBodyAsString()));
    }

    @Test
    void anUrgentNoticeCreatedBehindAThousandRoutineOnesIsDeliveredFirst() throws Exception {
        start(Map.of("budstikke.delivery.concurrency", "1", "budstikke.delivery.batch-size", "10"));
        hub.context().getRouteController().stopRoute("deliver");
        String eventKey = postMissing();
        String urgent = policeNotice(eventKey).path("noticeId").asText();
        try (Connection c = hub.bean("dataSource", javax.sql.DataSource.class).getConnection()) {
            c.setAutoCommit(false);
            // Only the police notice stays from the event; 1,000 older routine notices to another office queue before it.
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE notice SET status = 'CANCELLED' WHERE event_key = ? AND notice_id <> ?")) {
                ps.setString(1, eventKey);
                ps.setString(2, urgent);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO notice (notice_id, event_key, duty, is_copy, kind, priority, priority_rank, role, office_id, channel,
                                        address, purpose, legal_basis, content, removed_fields, flags, status, created_at,
                                        status_changed_at, office_name, document, attempts, next_attempt_at)
                    SELECT ?, event_key, 'O1', is_copy, kind, 'NORMAL', 2, role, 'routine-office', channel, ?, purpose, legal_basis,
                           content, removed_fields, flags, 'CREATED', created_at - INTERVAL '1' HOUR, status_changed_at, office_name,
                           document, 0, next_attempt_at - INTERVAL '1' HOUR
                    FROM notice WHERE notice_id = ?""")) {
                for (int i = 0; i < 1000; i++) {
                    ps.setString(1, String.format("%032x", i));
                    ps.setString(2, "http://127.0.0.1:" + server.port() + "/routine-office");
                    ps.setString(3, urgent);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        server.stubFor(post(urlEqualTo("/routine-office")).willReturn(aResponse().withStatus(200)));

        hub.context().getRouteController().startRoute("deliver");
        await().atMost(Duration.ofSeconds(20)).until(() -> notice(urgent).path("status").asText().equals("DELIVERED"));

        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> served = server.getAllServeEvents();
        // WireMock lists the newest first: the first request it received is the last in the list.
        assertThat(served.get(served.size() - 1).getRequest().getUrl()).isEqualTo(POLICE);
    }
}


package no.budstikke.delivery.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, item 6: O23 (phone the representative and the lawyer) is a task for staff with a due
 * time; the ops API lists tasks and records who acknowledged one and when; a task nobody
 * acknowledged by its due time is escalated once.
 */
class TasksIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theCallsToMakeAreListedAcknowledgedByNameAndEscalatedWhenOverdue() throws Exception {
        TestClock clock = TestClock.at("2026-11-20T20:20:00Z");
        Map<String, String> settings = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
        settings.put("budstikke.tasks.poll-ms", "100");
        settings.put("budstikke.delivery.metrics-ms", "100");
        try (LogCapture logs = LogCapture.attach(); TestHub hub = TestHub.start(settings, clock)) {
            HttpResponse<String> posted = hub.post("/api/v1/events", "application/cloudevents+json",
                    JSON.writeValueAsBytes(Fixtures.example("missing")), TestHub.ALL_CENTRES_KEY);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            String eventKey = JSON.readTree(posted.body()).path("key").asText();

            List<JsonNode> tasks = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                tasks.clear();
                tasks.addAll(list(hub, "/api/v1/tasks"));
                assertThat(tasks).hasSize(2);
            });
            assertThat(tasks).extracting(t -> t.path("role").asText()).containsExactlyInAnyOrder("REPRESENTATIVE", "LAWYER");
            assertThat(tasks).extracting(t -> t.path("phone").asText()).containsExactlyInAnyOrder("+4791234567", "+4722334455");
            assertThat(tasks).allSatisfy(t -> {
                assertThat(t.path("duty").asText()).isEqualTo("O23");
                assertThat(t.path("eventKey").asText()).isEqualTo(eventKey);
                assertThat(t.path("state").asText()).isEqualTo("open");
                assertThat(t.path("priority").asText()).isEqualTo("URGENT");
                assertThat(Instant.parse(t.path("dueAt").asText())).isEqualTo(Instant.parse("2026-11-20T21:20:00Z"));
                assertThat(t.path("overdue").asBoolean()).isFalse();
                assertThat(t.at("/notice/duty").asText()).isEqualTo("O23");
            });
            JsonNode lawyer = tasks.stream().filter(t -> t.path("role").asText().equals("LAWYER")).findFirst().orElseThrow();
            JsonNode representative = tasks.stream().filter(t -> t.path("role").asText().equals("REPRESENTATIVE")).findFirst().orElseThrow();
            String lawyerId = lawyer.path("taskId").asText();

            // Ops call the lawyer and say so, 20 minutes later.
            clock.advance(Duration.ofMinutes(20));
            assertThat(hub.post("/api/v1/tasks/" + lawyerId + "/ack", null, new byte[0], TestHub.ALL_CENTRES_KEY).statusCode()).isEqualTo(403);
            assertThat(hub.post("/api/v1/tasks/" + lawyerId + "/ack", null, new byte[0], null).statusCode()).isEqualTo(401);
            HttpResponse<String> ack = hub.post("/api/v1/tasks/" + lawyerId + "/ack", null, new byte[0], TestHub.OPS_KEY);
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            JsonNode done = JSON.readTree(ack.body());
            assertThat(done.path("acknowledgedBy").asText()).isEqualTo("test-ops");
            assertThat(done.path("acknowledgedAt").asText()).isEqualTo("2026-11-20T20:40:00Z");
            assertThat(done.path("state").asText()).isEqualTo("delivered");
            assertThat(hub.post("/api/v1/tasks/" + lawyerId + "/ack", null, new byte[0], TestHub.OPS_KEY).statusCode()).isEqualTo(409);
            assertThat(hub.post("/api/v1/tasks/0123456789abcdef0123456789abcdef/ack", null, new byte[0], TestHub.OPS_KEY).statusCode())
                    .isEqualTo(404);
            assertThat(list(hub, "/api/v1/tasks")).extracting(t -> t.path("taskId").asText())
                    .containsExactly(representative.path("taskId").asText());
            assertThat(list(hub, "/api/v1/tasks?state=all")).hasSize(2);
            assertThat(hub.get("/api/v1/journal/events/" + eventKey, TestHub.OPS_KEY).body())
                    .contains("\"action\":\"ACKNOWLEDGE\"").contains("\"actor\":\"test-ops\"");

            // Nothing is overdue yet: no alert, over several ticks of the overdue watch.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(list(hub, "/api/v1/alerts")).isEmpty());

            // Past the due time: the representative's call is escalated, once; the lawyer's, done, is not.
            clock.advance(Duration.ofMinutes(41));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(list(hub, "/api/v1/alerts")).hasSize(1));
            assertThat(list(hub, "/api/v1/tasks")).allSatisfy(t -> assertThat(t.path("overdue").asBoolean()).isTrue());
            JsonNode alert = list(hub, "/api/v1/alerts").get(0);
            assertThat(alert.path("kind").asText()).isEqualTo(OverdueTasks.KIND);
            assertThat(alert.path("detail").asText()).contains(representative.path("taskId").asText());
            assertThat(alert.path("priority").asText()).isEqualTo("URGENT");
            // ... and counted where an alerting system looks.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(hub.getManagement("/observe/metrics").body())
                    .contains("budstikke_tasks_overdue 1.0", "budstikke_tasks_open 1.0",
                            "budstikke_alerts_open{kind=\"TASK_OVERDUE\"} 1.0", "budstikke_deadlines_running{deadline=\"D1\"} 1.0"));
            clock.advance(Duration.ofHours(2));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(list(hub, "/api/v1/alerts?state=all")).hasSize(1));
            hub.post("/api/v1/alerts/" + alert.path("alertId").asText() + "/ack", null, new byte[0], TestHub.OPS_KEY);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(hub.getManagement("/observe/metrics").body())
                    .contains("budstikke_alerts_open{kind=\"TASK_OVERDUE\"} 0.0"));

            // Names and numbers are for the ops API only: never in the logs or the alert.
            for (String text : List.of(logs.all(), alert.toString())) {
                assertThat(text).doesNotContain("+4791234567").doesNotContain("+4722334455").doesNotContain("Kari Nordmann")
                        .doesNotContain("Per Hansen").doesNotContain("201912345678");
            }
        }
    }

    private static List<JsonNode> list(TestHub hub, String path) throws Exception {
        HttpResponse<String> r = hub.get(path, TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        List<JsonNode> out = new ArrayList<>();
        body.path(path.contains("tasks") ? "tasks" : "alerts").forEach(out::add);
        return out;
    }
}

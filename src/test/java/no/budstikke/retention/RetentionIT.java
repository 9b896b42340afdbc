package no.budstikke.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention and erasure against the real hub on H2 and PostgreSQL: the purge (run by hand on the
 * test clock, with the shipped config/retention.yaml) removes exactly what is past its time and
 * keeps the rest; an erasure leaves a canary name and DUF number in no column of any table, while
 * the journal still shows which notices were delivered.
 */
class RetentionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    private static final String CANARY = "Kanarifuglsen";
    private static final String NEVER = "86400000";

    @Nested
    class OnH2 extends Scenario {
        OnH2() {
            super(Kind.H2);
        }
    }

    @Nested
    class OnPostgres extends Scenario {
        OnPostgres() {
            super(Kind.POSTGRES);
        }
    }

    abstract static class Scenario {

        private final Kind kind;

        @TempDir
        Path dir;

        Scenario(Kind kind) {
            this.kind = kind;
        }

        /** The background timers stay still: the test runs the purge itself, at the times it chooses. */
        private Map<String, String> settings() {
            Map<String, String> s = TestHub.defaults(dir, TestDatabases.freshUrl(kind, dir));
            for (String timer : List.of("budstikke.retention.purge-ms", "budstikke.schedule.poll-ms", "budstikke.schedule.tertial.poll-ms",
                    "budstikke.deadlines.poll-ms", "budstikke.tasks.poll-ms")) {
                s.put(timer, NEVER);
            }
            return s;
        }

        @Test
        void thePurgeRemovesWhatIsPastItsTimeAndKeepsTheRest() throws Exception {
            TestClock clock = new TestClock(T0);
            try (TestHub hub = TestHub.start(settings(), clock)) {
                DataSource db = hub.bean("dataSource", DataSource.class);
                PurgeJob purge = hub.bean("purgeJob", PurgeJob.class);

                // A: an arrival that is all delivered and goes quiet. B: a child still missing (an open episode, tasks).
                ObjectNode arrived = Fixtures.example("arrived");
                String dufA = freshDuf();
                Fixtures.set(arrived, "/id", "ret-a-" + System.nanoTime());
                Fixtures.set(arrived, "/data/person/dufNumber", dufA);
                Fixtures.set(arrived, "/data/person/birthDate", "2008-12-01"); // 18 before the case goes quiet
                String keyA = post(hub, arrived);
                ObjectNode missing = Fixtures.example("missing");
                String dufB = freshDuf();
                Fixtures.set(missing, "/id", "ret-b-" + System.nanoTime());
                Fixtures.set(missing, "/data/person/dufNumber", dufB);
                String keyB = post(hub, missing);
                awaitSettled(hub, keyA);
                awaitSettled(hub, keyB);
                long q1 = quarantine(hub, dufA);

                clock.set(T0.plus(Duration.ofDays(20)));
                long q2 = quarantine(hub, dufB);

                // Day 31: the first rejected input (30 days) is gone, the second (11 days old) is kept; nothing else moves.
                clock.set(T0.plus(Duration.ofDays(31)));
                Map<String, Long> day31 = purge.run();
                assertThat(day31).containsEntry("quarantine", 1L).containsEntry("noticeContents", 0L).containsEntry("caseFiles", 0L);
                assertThat(hub.get("/api/v1/quarantine/" + q1, TestHub.OPS_KEY).statusCode()).isEqualTo(404);
                assertThat(hub.get("/api/v1/quarantine/" + q2, TestHub.OPS_KEY).statusCode()).isEqualTo(200);
                assertThat(blankNotices(db, keyA)).isZero();

                // Day 91: delivered notices (90 days) lose their content; B's open tasks keep theirs; the second input is gone.
                clock.set(T0.plus(Duration.ofDays(91)));
                Map<String, Long> day91 = purge.run();
                assertThat(day91).containsEntry("quarantine", 1L).containsEntry("caseFiles", 0L);
                assertThat(day91.get("noticeContents")).isPositive();
                assertThat(blankNotices(db, keyA)).isEqualTo(notices(db, keyA));
                assertThat(openTaskContents(db, keyB)).isNotEmpty().allSatisfy(c -> assertThat(c).isNotEqualTo("{}"));
                assertThat(payload(db, keyA)).contains(dufA);

                // Day 366: A's case is past its year of quiet: payload, DUF number and case file go. B's child is
                // still missing: everything of B stays.
                clock.set(T0.plus(Duration.ofDays(366)));
                Map<String, Long> day366 = purge.run();
                assertThat(day366).containsEntry("caseFiles", 1L).containsEntry("caseEvents", 1L);
                assertThat(payload(db, keyA)).isEqualTo("{}");
                assertThat(caseState(hub, dufA).statusCode()).isEqualTo(404);
                assertThat(TableScan.holding(db, dufA)).isEmpty();
                assertThat(payload(db, keyB)).contains(dufB, "Hassan");
                assertThat(caseState(hub, dufB).statusCode()).isEqualTo(200);
                // The journal still says who was told, when, under which legal basis.
                JsonNode journalA = journal(hub, keyA);
                assertThat(journalA.path("timeline").findValuesAsText("what")).contains("notice decided", "delivery attempt",
                        "personal data removed");
                assertThat(journalA.path("timeline").findValuesAsText("legalBasis")).isNotEmpty().allSatisfy(b -> assertThat(b).isNotBlank());
                assertThat(count(db, "SELECT COUNT(*) FROM retention_log WHERE action = 'PURGE'")).isEqualTo(3);

                // Ten years and a day: A's journal goes too; B's, whose payload is still held, stays.
                clock.set(T0.atZone(java.time.ZoneOffset.UTC).plusYears(10).plusDays(1).toInstant());
                Map<String, Long> later = purge.run();
                assertThat(later.get("journalEvents")).isEqualTo(1L);
                assertThat(hub.get("/api/v1/journal/events/" + keyA, TestHub.OPS_KEY).statusCode()).isEqualTo(404);
                assertThat(hub.get("/api/v1/journal/events/" + keyB, TestHub.OPS_KEY).statusCode()).isEqualTo(200);

                // A second run finds nothing more, and says so by recording nothing.
                assertThat(purge.run().values()).allSatisfy(n -> assertThat(n).isZero());
                assertThat(count(db, "SELECT COUNT(*) FROM retention_log WHERE action = 'PURGE'")).isEqualTo(4);
            }
        }

        @Test
        void theLeaseLetsOneInstancePurgeAtATime() throws Exception {
            TestClock clock = new TestClock(T0);
            try (TestHub hub = TestHub.start(settings(), clock)) {
                DataSource db = hub.bean("dataSource", DataSource.class);
                no.budstikke.store.JobLease lease = new no.budstikke.store.JobLease(new no.budstikke.store.Transactions(db), clock);
                quarantine(hub, freshDuf());
                // Another instance holds the job: this one's run does nothing until that lease has run out.
                clock.set(T0.plus(Duration.ofDays(31)));
                assertThat(lease.claim(PurgeJob.JOB, "other-instance", Duration.ofMinutes(10))).isTrue();
                assertThat(lease.claim(PurgeJob.JOB, "third-instance", Duration.ofMinutes(10))).isFalse();
                assertThat(hub.bean("purgeJob", PurgeJob.class).run()).isEmpty();
                assertThat(count(db, "SELECT COUNT(*) FROM quarantine")).isEqualTo(1);
                clock.advance(Duration.ofMinutes(11));
                assertThat(hub.bean("purgeJob", PurgeJob.class).run()).containsEntry("quarantine", 1L);
                assertThat(count(db, "SELECT COUNT(*) FROM quarantine")).isZero();
            }
        }

        @Test
        void theTimerRunsThePurgeAndLogsCountsOnly() throws Exception {
            TestClock clock = new TestClock(T0);
            Map<String, String> s = settings();
            s.put("budstikke.retention.purge-ms", "200");
            try (LogCapture logs = LogCapture.attach(); TestHub hub = TestHub.start(s, clock)) {
                DataSource db = hub.bean("dataSource", DataSource.class);
                String duf = freshDuf();
                quarantine(hub, duf);
                clock.set(T0.plus(Duration.ofDays(31)));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(count(db, "SELECT COUNT(*) FROM quarantine")).isZero());
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.all()).contains("retention purge: quarantine=1 "));
                assertThat(count(db, "SELECT COUNT(*) FROM retention_log WHERE action = 'PURGE' AND actor = 'retention'")).isEqualTo(1);
                assertThat(text(db, "SELECT counts FROM retention_log WHERE action = ?", "PURGE").get(0)).contains("\"quarantine\":1");
                assertThat(logs.all()).doesNotContain(duf).doesNotContain(CANARY);
            }
        }

        @Test
        void anErasureLeavesTheCanaryInNoTableAndTheJournalStillProvesTheDeliveries() throws Exception {
            try (LogCapture logs = LogCapture.attach(); TestHub hub = TestHub.start(settings())) {
                DataSource db = hub.bean("dataSource", DataSource.class);
                String duf = freshDuf();
                // The canary: the child's name, the representative's name, in a disappearance at a centre in a
                // municipality the directory does not list (tasks, deadlines, unresolved recipients) ...
                ObjectNode missing = Fixtures.example("missing");
                Fixtures.set(missing, "/id", "canary-" + System.nanoTime());
                Fixtures.set(missing, "/source", "urn:no:udi:mot:centre:C-1508-01");
                Fixtures.set(missing, "/data/centre/id", "C-1508-01");
                Fixtures.set(missing, "/data/centre/municipalityNumber", "1508");
                Fixtures.set(missing, "/data/person/dufNumber", duf);
                Fixtures.set(missing, "/data/person/familyName", CANARY);
                Fixtures.set(missing, "/data/caseContext/representative/name", "Kari " + CANARY);
                String missingKey = post(hub, missing);
                awaitSettled(hub, missingKey);
                // ... a return from another centre, held for ops ...
                ObjectNode returned = Fixtures.example("returned");
                Fixtures.set(returned, "/id", "canary-return-" + System.nanoTime());
                Fixtures.set(returned, "/source", "urn:no:udi:mot:centre:C-4601-02");
                Fixtures.set(returned, "/data/centre", JSON.createObjectNode().put("id", "C-4601-02")
                        .put("name", "Fana mottak for enslige mindreårige").put("municipalityNumber", "4601").put("kind", "minors"));
                Fixtures.set(returned, "/data/person/dufNumber", duf);
                Fixtures.set(returned, "/data/person/familyName", CANARY);
                String heldKey = post(hub, returned);
                awaitStatus(hub, heldKey, "HELD");
                // ... and a rejected input that holds both.
                long quarantined = quarantine(hub, duf);
                // Someone else, who must keep everything.
                ObjectNode other = Fixtures.example("arrived");
                String otherDuf = freshDuf();
                Fixtures.set(other, "/id", "other-" + System.nanoTime());
                Fixtures.set(other, "/data/person/dufNumber", otherDuf);
                String otherKey = post(hub, other);
                awaitSettled(hub, otherKey);
                long otherQuarantined = quarantine(hub, otherDuf, "Tesfaye");

                assertThat(TableScan.holding(db, CANARY)).as("the scan finds the canary where it was planted")
                        .contains("inbound_event.payload", "notice.content", "notice.document", "case_file.state", "quarantine.raw_bytes");
                assertThat(TableScan.holding(db, duf)).contains("inbound_event.duf_number", "notice.duf_number", "case_file.duf_number");
                assertThat(count(db, "SELECT COUNT(*) FROM dispatch_gap")).isPositive();
                assertThat(hub.get("/api/v1/tasks", TestHub.OPS_KEY).body()).contains(CANARY);

                // Erasure needs an ops key, and the DUF number in the body.
                byte[] body = ("{\"dufNumber\":\"" + duf + "\"}").getBytes(StandardCharsets.UTF_8);
                assertThat(hub.post("/api/v1/erasure", "application/json", body, TestHub.CENTRE_0301_KEY).statusCode()).isEqualTo(403);
                assertThat(hub.post("/api/v1/erasure", "application/json", body, null).statusCode()).isEqualTo(401);
                assertThat(hub.post("/api/v1/erasure", "application/json", "{\"dufNumber\":\"12\"}".getBytes(StandardCharsets.UTF_8),
                        TestHub.OPS_KEY).statusCode()).isEqualTo(400);
                HttpResponse<String> erased = hub.post("/api/v1/erasure", "application/json", body, TestHub.OPS_KEY);
                assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
                JsonNode answer = JSON.readTree(erased.body());
                assertThat(answer.path("erasedBy").asText()).isEqualTo("test-ops");
                assertThat(answer.at("/counts/events").asLong()).isEqualTo(2);
                assertThat(answer.at("/counts/caseFiles").asLong()).isEqualTo(1);
                assertThat(answer.at("/counts/quarantine").asLong()).isEqualTo(1);
                assertThat(answer.at("/counts/noticesCancelled").asLong()).as("the open phone tasks").isPositive();
                assertThat(answer.path("eventKeys")).extracting(JsonNode::asText).containsExactlyInAnyOrder(missingKey, heldKey);
                assertThat(erased.body()).doesNotContain(duf, CANARY);

                // Nothing of the person is left in any column of any table.
                assertThat(TableScan.columns(db)).contains("inbound_event.payload", "quarantine.raw_bytes", "retention_log.counts");
                assertThat(TableScan.holding(db, CANARY, duf)).isEmpty();
                assertThat(hub.get("/api/v1/quarantine/" + quarantined, TestHub.OPS_KEY).statusCode()).isEqualTo(404);
                assertThat(hub.get("/api/v1/tasks?state=all", TestHub.OPS_KEY).body()).doesNotContain(CANARY);
                assertThat(caseState(hub, duf).statusCode()).isEqualTo(404);
                assertThat(awaitStatus(hub, heldKey, "ERASED").path("status").asText()).isEqualTo("ERASED");

                // The journal still proves the notices went: office, legal basis, delivered.
                JsonNode journal = journal(hub, missingKey);
                assertThat(journal.toString()).doesNotContain(CANARY, duf);
                List<JsonNode> delivered = new ArrayList<>();
                journal.path("timeline").forEach(e -> {
                    if (e.path("what").asText().equals("delivery attempt") && e.path("outcome").asText().equals("DELIVERED")) delivered.add(e);
                });
                assertThat(delivered).isNotEmpty();
                assertThat(journal.path("timeline").findValuesAsText("what")).contains("notice decided", "personal data removed");
                assertThat(journal.path("timeline").findValuesAsText("reason")).contains("ERASURE");
                assertThat(count(db, "SELECT COUNT(*) FROM retention_log WHERE action = 'ERASURE' AND actor = 'test-ops'")).isEqualTo(1);

                // The other person is untouched; a repeat of an erased event is recognised, not stored again.
                assertThat(payload(db, otherKey)).contains(otherDuf, "Tesfaye");
                assertThat(hub.get("/api/v1/quarantine/" + otherQuarantined, TestHub.OPS_KEY).statusCode()).isEqualTo(200);
                long events = count(db, "SELECT COUNT(*) FROM inbound_event");
                HttpResponse<String> again = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(missing),
                        TestHub.ALL_CENTRES_KEY);
                assertThat(again.statusCode()).as(again.body()).isIn(202, 409);
                assertThat(count(db, "SELECT COUNT(*) FROM inbound_event")).isEqualTo(events);
                assertThat(logs.all()).doesNotContain(duf).doesNotContain(CANARY).contains("erasure by test-ops");
            }
        }
    }

    private static String freshDuf() {
        return "20" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
    }

    private static String post(TestHub hub, JsonNode event) throws Exception {
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event),
                TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("key").asText();
    }

    /** A rejected input holding the DUF number and the canary: an unknown field in the person. */
    private static long quarantine(TestHub hub, String duf) throws Exception {
        return quarantine(hub, duf, CANARY);
    }

    private static long quarantine(TestHub hub, String duf, String nickname) throws Exception {
        ObjectNode bad = Fixtures.example("missing");
        Fixtures.set(bad, "/id", "bad-" + System.nanoTime());
        Fixtures.set(bad, "/data/person/dufNumber", duf);
        ((ObjectNode) bad.at("/data/person")).put("nickname", nickname);
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(bad),
                TestHub.ALL_CENTRES_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return JSON.readTree(r.body()).path("quarantineId").asLong();
    }

    /** Dispatched, and every notice delivered or waiting for staff as an open task. */
    private static void awaitSettled(TestHub hub, String key) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode s = JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body());
            assertThat(s.path("status").asText()).isEqualTo("DISPATCHED");
            assertThat(s.path("notices")).isNotEmpty().allSatisfy(n -> assertThat(n.path("channel").asText() + "/" + n.path("status").asText())
                    .matches("[a-z]+/DELIVERED|task/CREATED"));
        });
    }

    private static JsonNode awaitStatus(TestHub hub, String key, String wanted) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode s = JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body());
            assertThat(s.path("status").asText()).isEqualTo(wanted);
            found.add(s);
        });
        return found.get(found.size() - 1);
    }

    private static HttpResponse<String> caseState(TestHub hub, String duf) {
        return hub.post("/api/v1/cases/state", "application/json", ("{\"dufNumber\":\"" + duf + "\"}").getBytes(StandardCharsets.UTF_8),
                TestHub.OPS_KEY);
    }

    private static JsonNode journal(TestHub hub, String key) throws Exception {
        HttpResponse<String> r = hub.get("/api/v1/journal/events/" + key, TestHub.OPS_KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String payload(DataSource db, String key) throws Exception {
        return text(db, "SELECT payload FROM inbound_event WHERE event_key = ?", key).get(0);
    }

    private static long notices(DataSource db, String key) throws Exception {
        return text(db, "SELECT notice_id FROM notice WHERE event_key = ?", key).size();
    }

    private static long blankNotices(DataSource db, String key) throws Exception {
        return text(db, "SELECT notice_id FROM notice WHERE event_key = ? AND content = '{}' AND document = '{}'", key).size();
    }

    private static List<String> openTaskContents(DataSource db, String key) throws Exception {
        return text(db, "SELECT content FROM notice WHERE event_key = ? AND channel = 'TASK' AND status = 'CREATED'", key);
    }

    private static long count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> text(DataSource db, String sql, String param) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }
}

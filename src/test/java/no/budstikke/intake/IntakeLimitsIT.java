package no.budstikke.intake;

import static java.nio.charset.StandardCharsets.UTF_8;
import static no.budstikke.intake.HttpIntakeIT.BATCH;
import static no.budstikke.intake.HttpIntakeIT.EVENTS;
import static no.budstikke.intake.HttpIntakeIT.SINGLE;
import static no.budstikke.intake.HttpIntakeIT.assertProblem;
import static no.budstikke.intake.HttpIntakeIT.batchOf;
import static no.budstikke.intake.HttpIntakeIT.fresh;
import static no.budstikke.intake.HttpIntakeIT.withText;
import static no.budstikke.testing.TestJson.bytes;
import static no.budstikke.testing.TestJson.freshNode;
import static no.budstikke.testing.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import no.budstikke.intake.DufQueueIT.DufQueue;
import no.budstikke.intake.DufQueueIT.Row;
import no.budstikke.store.EventStore;
import no.budstikke.store.QuarantineEntry;
import no.budstikke.store.QuarantineStore;
import no.budstikke.testing.InboxFiles;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake limits on every way in (HTTP, file drop, DUF queue) and the quarantine cap, against
 * the real hub with small limits, so that no test needs much memory; on H2 and on PostgreSQL.
 */
class IntakeLimitsIT {

    static final int MAX_BYTES = 16 * 1024;
    static final int MAX_EVENT_BYTES = 4 * 1024;
    static final int MAX_BATCH_EVENTS = 5;
    /** Over HTTP only the all-centres key gets rejected inputs past the cap; the other tests stay well under it. */
    static final int CAP = 8;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PROCESSED = Duration.ofSeconds(20);

    @Nested
    @DisplayName("on H2")
    class OnH2 extends Scenarios {
        OnH2() {
            super(Kind.H2);
        }
    }

    @Nested
    @DisplayName("on PostgreSQL")
    class OnPostgres extends Scenarios {
        OnPostgres() {
            super(Kind.POSTGRES);
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Scenarios {

        private final Kind kind;
        private final TestClock clock = TestClock.at("2026-12-05T10:00:00Z");
        private TestHub hub;
        private DufQueue queue;
        private Path inbox;
        private EventStore events;
        private QuarantineStore quarantine;

        Scenarios(Kind kind) {
            this.kind = kind;
        }

        @BeforeAll
        void startHub(@TempDir Path dir) throws Exception {
            queue = DufQueue.create(kind);
            Map<String, String> settings = DufQueueIT.settings(dir, TestDatabases.freshUrl(kind, dir), queue);
            settings.put("budstikke.intake.max-bytes", Integer.toString(MAX_BYTES));
            settings.put("budstikke.intake.max-event-bytes", "4KiB");
            settings.put("budstikke.intake.max-batch-events", Integer.toString(MAX_BATCH_EVENTS));
            settings.put("budstikke.quarantine.max-per-sender-per-minute", Integer.toString(CAP));
            hub = TestHub.start(settings, clock);
            inbox = dir.resolve("inbox");
            events = hub.bean("eventStore", EventStore.class);
            quarantine = hub.bean("quarantineStore", QuarantineStore.class);
        }

        @AfterAll
        void stopHub() {
            if (hub != null) hub.close();
        }

        // --- HTTP -------------------------------------------------------------------------------

        @Test
        void aBodyOverTheLimitIsAnswered413BeforeItIsRead() {
            byte[] body = padded(fresh("missing"), MAX_BYTES + 1);
            long before = events.count();

            HttpResponse<String> r = hub.post(EVENTS, SINGLE, body, TestHub.CENTRE_0301_KEY);

            // The HTTP server refuses it while it arrives (camel.server.maxBodySize), with the same problem as intake.
            JsonNode p = assertProblem(r, 413, "too-large");
            assertThat(p.path("detail").asText()).contains("budstikke.intake.max-bytes");
            assertThat(events.count()).isEqualTo(before);
        }

        @Test
        void oneEventOverTheEventLimitIs413AndQuarantinedOnce() {
            byte[] body = padded(fresh("missing"), MAX_EVENT_BYTES + 1);
            long before = events.count();

            HttpResponse<String> r = hub.post(EVENTS, SINGLE, body, TestHub.CENTRE_0301_KEY);

            JsonNode p = assertProblem(r, 413, "too-large");
            assertThat(p.path("detail").asText()).contains("budstikke.intake.max-event-bytes");
            QuarantineEntry q = quarantined(p);
            assertThat(q.reason()).isEqualTo("TOO_LARGE");
            assertThat(q.rawSize()).isEqualTo(body.length);
            assertThat(events.count()).isEqualTo(before);
        }

        @Test
        void aBatchOfMoreEventsThanTheLimitIs413AndNothingOfItIsStoredOrQuarantinedPerEvent() {
            ObjectNode[] batch = new ObjectNode[MAX_BATCH_EVENTS + 1];
            for (int i = 0; i < batch.length; i++) batch[i] = freshNode("missing");
            long before = events.count();
            long newest = newestQuarantineId();

            HttpResponse<String> r = hub.post(EVENTS, BATCH, batchOf(batch), TestHub.CENTRE_0301_KEY);

            JsonNode p = assertProblem(r, 413, "too-large");
            assertThat(p.path("detail").asText()).contains("budstikke.intake.max-batch-events");
            assertThat(quarantined(p).reason()).isEqualTo("TOO_LARGE");
            assertThat(events.count()).isEqualTo(before);
            assertThat(quarantine.list(100, null)).filteredOn(q -> q.id() > newest).hasSize(1);
        }

        @Test
        void aBatchWithOneEventOverTheEventLimitIs413() {
            ObjectNode big = withText(freshNode("missing"), "/data", "circumstances", "x".repeat(MAX_EVENT_BYTES - 100));
            long before = events.count();

            HttpResponse<String> r = hub.post(EVENTS, BATCH, batchOf(freshNode("missing"), big), TestHub.CENTRE_0301_KEY);

            JsonNode p = assertProblem(r, 413, "too-large");
            assertThat(p.path("detail").asText()).contains("event 1").contains("budstikke.intake.max-event-bytes");
            assertThat(events.count()).isEqualTo(before);
        }

        @Test
        void aStringLongerThanAnEventMayBeIsReportedAsTooLargeNotAsNesting() {
            ObjectNode huge = withText(freshNode("missing"), "/data", "circumstances", "x".repeat(MAX_EVENT_BYTES + 1));

            HttpResponse<String> r = hub.post(EVENTS, BATCH, batchOf(huge), TestHub.CENTRE_0301_KEY);

            JsonNode p = assertProblem(r, 413, "too-large");
            assertThat(p.path("detail").asText()).contains("text value").doesNotContain("nested");
        }

        @Test
        void pastTheQuarantineCapOneSummaryRowAndOneLogLineStandForTheRestOfTheMinute() {
            String sender = "all-centres";
            List<QuarantineEntry> before = fromSender(sender);
            assertThat(before).as("this test is the only one refused for this key").isEmpty();
            byte[] bad = batchOf(emptyObjects(MAX_BATCH_EVENTS));
            try (LogCapture log = LogCapture.attach()) {
                // 3 batches of 5 refused events in one minute: 8 kept, one summary, 6 not kept.
                List<JsonNode> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> r = hub.post(EVENTS, BATCH, bad, TestHub.ALL_CENTRES_KEY);
                    answers.add(assertProblem(r, 400, "contract-violation"));
                }

                List<QuarantineEntry> kept = fromSender(sender);
                assertThat(kept).filteredOn(q -> q.reason().equals("CONTRACT_VIOLATION")).hasSize(CAP);
                assertThat(kept).filteredOn(q -> q.reason().equals("QUARANTINE_CAP")).hasSize(1);
                assertThat(kept).hasSize(CAP + 1);
                // Every event is still answered with its violations; past the cap without a quarantine id.
                for (JsonNode a : answers) {
                    assertThat(a.path("results")).hasSize(MAX_BATCH_EVENTS)
                            .allSatisfy(e -> assertThat(e.path("violations")).isNotEmpty());
                }
                assertThat(answers.get(2).path("results")).allSatisfy(e -> assertThat(e.has("quarantineId")).isFalse());
                assertThat(log.lines()).filteredOn(l -> l.contains("quarantine cap")).hasSize(1);
                assertThat(log.lines()).filteredOn(l -> l.contains("channel=http event #")).hasSize(CAP);
            }

            clock.advance(Duration.ofMinutes(1));
            hub.post(EVENTS, BATCH, bad, TestHub.ALL_CENTRES_KEY);
            assertThat(fromSender(sender)).as("a new minute, a new budget").hasSize(CAP + 1 + MAX_BATCH_EVENTS);
        }

        // --- file drop ----------------------------------------------------------------------------

        @Test
        void aFileOverTheLimitIsQuarantinedOnceAndMovedToRejectedUnread() throws Exception {
            byte[] content = padded(batchOf(freshNode("missing")), MAX_BYTES * 4);
            drop("too-big.json", content);

            Path report = awaitFile("rejected/too-big.json.error.json");
            assertThat(awaitFile("rejected/too-big.json")).hasSize(content.length);
            assertThat(inbox.resolve("too-big.json")).doesNotExist();
            JsonNode doc = JSON.readTree(report.toFile());
            assertThat(doc.path("violations").get(0).path("message").asText()).contains("budstikke.intake.max-bytes");
            QuarantineEntry q = quarantine.get(doc.path("quarantineId").asLong()).orElseThrow();
            assertThat(q.reason()).isEqualTo("TOO_LARGE");
            assertThat(q.channel()).isEqualTo("file");
            assertThat(q.rawSize()).isEqualTo(content.length);
            assertThat(q.truncated()).isTrue();
        }

        @Test
        void aFileWithAValueTheStoreCouldNotHoldIsQuarantinedAndMovedNotRetried() throws Exception {
            long newest = newestQuarantineId();
            ObjectNode event = withText(freshNode("missing"), "/data/person", "dufNumber", "201912345678\n");
            drop("trailing-newline.json", bytes(event));

            Path report = awaitFile("rejected/trailing-newline.json.error.json");
            JsonNode outcome = JSON.readTree(report.toFile()).path("events").get(0);
            assertThat(outcome.path("outcome").asText()).isEqualTo("rejected");
            // Read again it would be quarantined again: one entry means it was read once.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> quarantine.list(100, null).stream().filter(q -> q.id() > newest && q.channel().equals("file")).count() == 1);
        }

        // --- DUF queue ----------------------------------------------------------------------------

        @Test
        void aDufRowOverTheLimitIsMarkedTooLargeAndQuarantined() throws Exception {
            long seq = queue.insert(padded(bytes(DufQueueIT.dufEvent()), MAX_BYTES + 1));

            Row row = queue.awaitConsumed(seq);

            assertThat(row.outcome()).isEqualTo("too-large");
            QuarantineEntry q = quarantine.get(row.quarantineId()).orElseThrow();
            assertThat(q.reason()).isEqualTo("TOO_LARGE");
            assertThat(q.channel()).isEqualTo("sql");
        }

        @Test
        void aDufRowWithADufNumberEndingInALineBreakIsRejectedOnceNotRetried() throws Exception {
            ObjectNode event = DufQueueIT.dufEvent();
            withText(event, "/data/person", "dufNumber", event.at("/data/person/dufNumber").asText() + "\n");
            long seq = queue.insert(bytes(event));

            Row row = queue.awaitConsumed(seq);

            assertThat(row.outcome()).isEqualTo("rejected");
            assertThat(quarantine.get(row.quarantineId()).orElseThrow().violations())
                    .anySatisfy(v -> assertThat(v.pointer()).isEqualTo("/data/person/dufNumber"));
        }

        // --- helpers ------------------------------------------------------------------------------

        private List<QuarantineEntry> fromSender(String origin) {
            return quarantine.list(1000, null).stream().filter(q -> q.origin().equals(origin)).toList();
        }

        private long newestQuarantineId() {
            List<QuarantineEntry> newest = quarantine.list(1, null);
            return newest.isEmpty() ? 0 : newest.get(0).id();
        }

        private QuarantineEntry quarantined(JsonNode answer) {
            assertThat(answer.path("quarantineId").isIntegralNumber()).as("quarantineId in %s", answer).isTrue();
            return quarantine.get(answer.path("quarantineId").asLong()).orElseThrow();
        }

        private void drop(String name, byte[] content) throws IOException {
            InboxFiles.drop(inbox, name, content);
        }

        private Path awaitFile(String relative) {
            return InboxFiles.awaitFile(inbox, relative, PROCESSED);
        }
    }

    /** {@code json} followed by spaces up to {@code size} bytes: still the same JSON. */
    static byte[] padded(byte[] json, int size) {
        byte[] body = Arrays.copyOf(json, size);
        Arrays.fill(body, json.length, size, (byte) ' ');
        return body;
    }

    static JsonNode[] emptyObjects(int n) {
        JsonNode[] list = new JsonNode[n];
        for (int i = 0; i < n; i++) list[i] = JSON.createObjectNode();
        return list;
    }
}

package no.budstikke.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import no.budstikke.store.EventStore;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DUF SQL queue against the real hub: DUF's table (created from the documented DDL) in a
 * database of its own, polled by the real route. The hub runs on H2 and on PostgreSQL with the
 * DUF table on PostgreSQL, and once more with the DUF table on H2 to show the DDL is portable.
 */
class DufQueueIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLLED = Duration.ofSeconds(20);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Nested
    class HubOnH2 extends Scenarios {
        HubOnH2() {
            super(Kind.H2, Kind.POSTGRES);
        }
    }

    @Nested
    class HubOnPostgres extends Scenarios {
        HubOnPostgres() {
            super(Kind.POSTGRES, Kind.POSTGRES);
        }

        @Test
        void rowStaysPendingWhileTheHubDatabaseIsDown(@TempDir Path dir) throws Exception {
            String hubDb = "hub_down_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
            postgresAdmin("CREATE DATABASE " + hubDb);
            DufQueue queue = DufQueue.create(Kind.POSTGRES);
            try (TestHub hub = TestHub.start(settings(dir, TestDatabases.postgres().getJdbcUrl("postgres", hubDb), queue));
                 LogCapture log = LogCapture.attach()) {
                ObjectNode event = dufEvent();
                long seq;
                try {
                    // Refuse new connections and cut the pool's: the hub's database is "down".
                    postgresAdmin("ALTER DATABASE " + hubDb + " ALLOW_CONNECTIONS false");
                    postgresAdmin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + hubDb + "'");
                    seq = queue.insert(bytes(event));

                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> log.lines().stream().anyMatch(l -> l.contains("route=intake-duf-sql failed")));
                    assertThat(queue.row(seq).consumedAt()).isNull();
                    assertThat(queue.row(seq).outcome()).isNull();
                } finally {
                    postgresAdmin("ALTER DATABASE " + hubDb + " ALLOW_CONNECTIONS true");
                }

                // Back up: the row is read again, stored, and only then marked.
                Row row = queue.awaitConsumed(seq);
                assertThat(row.outcome()).isEqualTo("stored");
                assertThat(hub.bean("eventStore", EventStore.class).status(key(event))).isPresent();
            }
        }
    }

    @Nested
    class DufTableOnH2 extends Scenarios {
        DufTableOnH2() {
            super(Kind.H2, Kind.H2);
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Scenarios {

        private final Kind hubKind;
        private final Kind dufKind;
        private TestHub hub;
        private DufQueue queue;

        Scenarios(Kind hubKind, Kind dufKind) {
            this.hubKind = hubKind;
            this.dufKind = dufKind;
        }

        @BeforeAll
        void startHub(@TempDir Path dir) throws Exception {
            queue = DufQueue.create(dufKind);
            hub = TestHub.start(settings(dir, TestDatabases.freshUrl(hubKind, dir), queue));
        }

        @AfterAll
        void stopHub() {
            if (hub != null) hub.close();
        }

        @Test
        void pendingRowsAreStoredAndMarkedConsumedInOrder() throws Exception {
            ObjectNode first = dufEvent();
            ObjectNode second = validEvent("no.udi.duf.appointment.scheduled.v1.json");
            ObjectNode third = validEvent("no.udi.duf.amot.tertial-due.v1.json");
            long s1 = queue.insert(bytes(first));
            long s2 = queue.insert(bytes(second));
            long s3 = queue.insert(bytes(third));

            Row r1 = queue.awaitConsumed(s1);
            Row r2 = queue.awaitConsumed(s2);
            Row r3 = queue.awaitConsumed(s3);
            for (Row r : new Row[] {r1, r2, r3}) {
                assertThat(r.outcome()).isEqualTo("stored");
                assertThat(r.quarantineId()).isNull();
            }
            assertThat(r1.consumedAt()).isBeforeOrEqualTo(r2.consumedAt());
            assertThat(r2.consumedAt()).isBeforeOrEqualTo(r3.consumedAt());
            EventStore store = hub.bean("eventStore", EventStore.class);
            assertThat(store.status(key(first)).orElseThrow().channel()).isEqualTo("sql");
            assertThat(store.status(key(second))).isPresent();
            assertThat(store.status(key(third))).isPresent();
        }

        @Test
        void unreadableAndInvalidRowsAreQuarantinedAndPollingCarriesOn() throws Exception {
            ObjectNode invalid = dufEvent();
            ((ObjectNode) invalid.path("data")).put("decision", "maybe");
            ObjectNode later = dufEvent();
            long unreadable = queue.insert("{\"specversion\": \"1.0\", ".getBytes(StandardCharsets.UTF_8));
            long rejected = queue.insert(bytes(invalid));
            long stored = queue.insert(bytes(later));

            Row u = queue.awaitConsumed(unreadable);
            assertThat(u.outcome()).isEqualTo("unreadable");
            JsonNode uEntry = quarantineEntry(u.quarantineId());
            assertThat(uEntry.path("reason").asText()).isEqualTo("UNREADABLE");
            assertThat(uEntry.path("channel").asText()).isEqualTo("sql");
            assertThat(uEntry.path("origin").asText()).isEqualTo("duf-queue row " + unreadable);

            Row r = queue.awaitConsumed(rejected);
            assertThat(r.outcome()).isEqualTo("rejected");
            JsonNode rEntry = quarantineEntry(r.quarantineId());
            assertThat(rEntry.path("reason").asText()).isEqualTo("CONTRACT_VIOLATION");
            assertThat(rEntry.path("violations").findValuesAsText("pointer")).contains("/data/decision");
            assertThat(stored(invalid)).isFalse();

            assertThat(queue.awaitConsumed(stored).outcome()).isEqualTo("stored");
            assertThat(stored(later)).isTrue();
        }

        @Test
        void rowWithACentreEventIsRejectedAsForbidden() throws Exception {
            ObjectNode centreEvent = event("arrived.json");
            long seq = queue.insert(bytes(centreEvent));

            Row row = queue.awaitConsumed(seq);
            assertThat(row.outcome()).isEqualTo("forbidden");
            JsonNode entry = quarantineEntry(row.quarantineId());
            assertThat(entry.path("reason").asText()).isEqualTo("FORBIDDEN_SOURCE");
            assertThat(entry.path("violations").findValuesAsText("pointer")).containsExactly("/source");
            assertThat(stored(centreEvent)).isFalse();
        }

        @Test
        void rowWithABatchStoresItsGoodEventsAndIsMarkedWithTheBadOnesOutcome() throws Exception {
            ObjectNode good = dufEvent();
            ObjectNode centreEvent = event("returned.json");
            long seq = queue.insert(JSON.writeValueAsBytes(JSON.createArrayNode().add(good).add(centreEvent)));

            Row row = queue.awaitConsumed(seq);
            assertThat(row.outcome()).isEqualTo("forbidden");
            assertThat(quarantineEntry(row.quarantineId()).path("violations").findValuesAsText("pointer")).containsExactly("/1/source");
            assertThat(stored(good)).isTrue();
            assertThat(stored(centreEvent)).isFalse();
        }

        @Test
        void rowReadTwiceIsRecognisedAsARepeatAndStoredOnce() throws Exception {
            ObjectNode event = dufEvent();
            long seq = queue.insert(bytes(event));
            assertThat(queue.awaitConsumed(seq).outcome()).isEqualTo("stored");
            EventStore store = hub.bean("eventStore", EventStore.class);
            long afterFirst = store.count();

            // As if the hub had stopped after its commit and before marking the row.
            queue.reset(seq);

            assertThat(queue.awaitConsumed(seq).outcome()).isEqualTo("duplicate");
            assertThat(store.count()).isEqualTo(afterFirst);
            assertThat(store.status(key(event))).isPresent();
        }

        private boolean stored(JsonNode event) {
            return hub.bean("eventStore", EventStore.class).status(key(event)).isPresent();
        }

        private JsonNode quarantineEntry(Long id) throws IOException {
            assertThat(id).as("quarantine_id").isNotNull();
            HttpResponse<String> r = hub.get("/api/v1/quarantine/" + id, TestHub.OPS_KEY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }
    }

    // --- fixtures -------------------------------------------------------------------------------

    static Map<String, String> settings(Path dir, String hubDbUrl, DufQueue queue) {
        Map<String, String> p = TestHub.defaults(dir, hubDbUrl);
        p.put("budstikke.duf.enabled", "true");
        p.put("budstikke.duf.db.url", queue.url());
        p.put("budstikke.duf.poll-ms", "100");
        return p;
    }

    static ObjectNode dufEvent() throws IOException {
        return dufEvent("case-decided-final-rejection.json");
    }

    static ObjectNode dufEvent(String example) throws IOException {
        return event(example);
    }

    /** One of the test suite's valid events of each type, with a fresh id. */
    static ObjectNode validEvent(String name) throws IOException {
        return withFreshId(Path.of("src/test/resources/events/valid", name));
    }

    /** An example event with a fresh id. */
    static ObjectNode event(String example) throws IOException {
        return withFreshId(Path.of("examples/events", example));
    }

    private static ObjectNode withFreshId(Path file) throws IOException {
        ObjectNode e = (ObjectNode) JSON.readTree(file.toFile());
        e.put("id", "duf-queue-" + UUID.randomUUID());
        return e;
    }

    static byte[] bytes(JsonNode node) throws IOException {
        return JSON.writeValueAsBytes(node);
    }

    static String key(JsonNode event) {
        return EventKey.of(event.path("source").asText(), event.path("id").asText());
    }

    static void postgresAdmin(String sql) throws SQLException {
        try (Connection c = TestDatabases.postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    record Row(OffsetDateTime consumedAt, String outcome, Long quarantineId) {
    }

    /** DUF's side: its database with the pending table made from src/main/resources/duf/duf_event_queue.sql. */
    record DufQueue(String url) {

        static DufQueue create(Kind kind) throws Exception {
            String name = "duf_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
            DufQueue queue;
            if (kind == Kind.POSTGRES) {
                postgresAdmin("CREATE DATABASE " + name);
                queue = new DufQueue(TestDatabases.postgres().getJdbcUrl("postgres", name));
            } else {
                // H2 in its own dialect, not the PostgreSQL mode the hub uses for itself.
                queue = new DufQueue("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            }
            try (Connection c = queue.connect(); Statement s = c.createStatement()) {
                for (String statement : ddl()) s.execute(statement);
            }
            return queue;
        }

        private static String[] ddl() throws IOException {
            try (InputStream in = DufQueueIT.class.getResourceAsStream("/duf/duf_event_queue.sql")) {
                assertThat(in).as("duf/duf_event_queue.sql on the classpath").isNotNull();
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
                return Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
            }
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url);
        }

        /** As DUF does: a row with only the payload; returns its seq. */
        long insert(byte[] payload) throws SQLException {
            try (Connection c = connect();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO duf_event_queue (payload) VALUES (?)",
                         Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, new String(payload, StandardCharsets.UTF_8));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong("seq");
                }
            }
        }

        Row row(long seq) throws SQLException {
            try (Connection c = connect();
                 PreparedStatement ps = c.prepareStatement(
                         "SELECT consumed_at, outcome, quarantine_id FROM duf_event_queue WHERE seq = ?")) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("row " + seq).isTrue();
                    return new Row(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getObject(3, Long.class));
                }
            }
        }

        Row awaitConsumed(long seq) {
            return await().atMost(POLLED).until(() -> row(seq), r -> r.consumedAt() != null);
        }

        void reset(long seq) throws SQLException {
            try (Connection c = connect();
                 PreparedStatement ps = c.prepareStatement(
                         "UPDATE duf_event_queue SET consumed_at = NULL, outcome = NULL, quarantine_id = NULL WHERE seq = ?")) {
                ps.setLong(1, seq);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }
}

package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;
import no.budstikke.store.Database;
import no.budstikke.store.Transactions;
import no.budstikke.store.NoticeStatus;
import no.budstikke.store.NoticeStore;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import no.budstikke.testing.TestClock;
import org.junit.jupiter.api.AfterEach;

/** The outbox with an office in back-off, on both databases, with a clock the test moves. */
class OutboxOfficeBackoffIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(10), 2, Duration.ofMinutes(5), 10, 0);
    private static final Failure REFUSED = Failure.transientFailure("java.net.ConnectException").ofOffice();

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private Database db;
    private Transactions transactions;
    private NoticeStore notices;
    private Outbox outbox;

    private void open(Kind kind) {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 4);
        transactions = new Transactions(db.dataSource());
        notices = new NoticeStore(transactions, clock, new NoticeDocument("test"));
        outbox = new Outbox(transactions, clock, Map.of(Channel.HTTP, RETRY), Duration.ofMinutes(2), () -> 0.5,
                new OfficeBackoff(clock, Duration.ofSeconds(1), Duration.ofSeconds(5), 3));
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anOfficeAwayIsProbedWithItsMostUrgentNoticeAndWhenItAnswersItsWaitingNoticesGoAtOnce(Kind kind) throws Exception {
        open(kind);
        String event = event("e1");
        String first = notice(event, "O21", "police", Priority.URGENT);
        outbox.failed(only(outbox.claim(10)), REFUSED);
        assertThat(outbox.offices().holds("police")).isTrue();

        clock.advance(Duration.ofMillis(100));
        String routine = notice(event, "O1", "police", Priority.NORMAL);
        String urgent = notice(event, "O22", "police", Priority.URGENT);
        String other = notice(event, "O1", "bfe", Priority.NORMAL);
        assertThat(outbox.claim(10)).as("the office's notices are put back, another office's go").extracting(Delivery::noticeId)
                .containsExactly(other);
        assertThat(attemptsMade(routine)).isZero();
        assertThat(attemptsMade(urgent)).isZero();
        assertThat(journal(urgent)).as("a notice put back is no attempt").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        Delivery probe = only(outbox.claim(10));
        assertThat(probe.noticeId()).as("the probe is the oldest most urgent notice, its own retry not due yet").isEqualTo(first);
        assertThat(probe.attempt()).isEqualTo(2);
        outbox.failed(probe, REFUSED);

        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.claim(10)).as("the next probe waits twice as long").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        probe = only(outbox.claim(10));
        assertThat(probe.noticeId()).isEqualTo(first);
        assertThat(outbox.offices().state("police")).as("two failures in a row: not yet down").isEqualTo(OfficeBackoff.State.BACKING_OFF);

        outbox.delivered(probe, "HTTP 201");
        assertThat(outbox.offices().holds("police")).isFalse();
        assertThat(outbox.claim(10)).as("released at once, most urgent first").extracting(Delivery::noticeId)
                .containsExactly(urgent, routine);
        assertThat(attempts("SELECT COUNT(*) FROM delivery_attempt WHERE notice_id = ? AND outcome = 'DELIVERED'", first)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailureOfOneNoticeIsItsOwnAndLeavesTheOfficeReceiving(Kind kind) throws Exception {
        open(kind);
        String event = event("e1");
        notice(event, "O21", "police", Priority.URGENT);
        outbox.failed(only(outbox.claim(10)), Failure.transientFailure("HTTP 429"));
        assertThat(outbox.offices().holds("police")).isFalse();
        String next = notice(event, "O22", "police", Priority.URGENT);
        assertThat(outbox.claim(10)).extracting(Delivery::noticeId).containsExactly(next);
    }

    private static Delivery only(List<Delivery> claimed) {
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    private int attemptsMade(String noticeId) throws Exception {
        return attempts("SELECT attempts FROM notice WHERE notice_id = ?", noticeId);
    }

    private List<String> journal(String noticeId) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT outcome FROM delivery_attempt WHERE notice_id = ?")) {
            ps.setString(1, noticeId);
            List<String> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) list.add(rs.getString(1));
            }
            return list;
        }
    }

    private int attempts(String sql, String noticeId) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, noticeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private String event(String id) throws Exception {
        String key = no.budstikke.intake.EventKey.of("urn:test", id);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inbound_event (event_key, source, event_id, type, event_time, received_at, channel, origin,
                                           duf_number, payload_sha256, payload, status, status_changed_at)
                VALUES (?, 'urn:test', ?, 'no.udi.mot.resident.missing.v1', ?, ?, 'http', 'test', NULL, 'x', '{}', 'DISPATCHED', ?)""")) {
            OffsetDateTime t = OffsetDateTime.now(clock);
            ps.setString(1, key);
            ps.setString(2, id);
            ps.setObject(3, t);
            ps.setObject(4, t);
            ps.setObject(5, t);
            ps.executeUpdate();
        }
        return key;
    }

    private String notice(String eventKey, String duty, String officeId, Priority priority) {
        return notice(eventKey, duty, officeId, priority, Channel.HTTP);
    }

    private String notice(String eventKey, String duty, String officeId, Priority priority, Channel channel) {
        Office office = new Office(officeId, Role.POLICE_DISTRICT, officeId, channel, "https://" + officeId + ".example/",
                new Serves(true, java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(),
                        java.util.Set.of()), false);
        Notice n = new Notice(duty, false, "kind", priority, office, "purpose", "basis", JsonNodeFactory.instance.objectNode(),
                List.of(), List.of());
        JsonNode event = JSON.createObjectNode().put("source", "urn:test").put("id", eventKey).put("type", "t").put("time", "x");
        return transactions.inTransaction(c -> notices.insert(c, eventKey, event, n));
    }

}

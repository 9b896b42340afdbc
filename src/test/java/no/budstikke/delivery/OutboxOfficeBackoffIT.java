package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.budstikke.model.Channel;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.Priority;
import no.budstikke.store.Database;
import no.budstikke.store.Transactions;
import no.budstikke.store.NoticeStore;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.OutboxRows;
import no.budstikke.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import no.budstikke.testing.TestClock;
import org.junit.jupiter.api.AfterEach;

/** The outbox with an office in back-off, on both databases, with a clock the test moves. */
class OutboxOfficeBackoffIT {

    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(10), 2, Duration.ofMinutes(5), 10, 0);
    private static final Failure REFUSED = Failure.transientFailure("java.net.ConnectException").ofOffice();

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private Database db;
    private Transactions transactions;
    private NoticeStore notices;
    private OutboxRows rows;
    private Outbox outbox;

    private void open(Kind kind) {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 4);
        transactions = new Transactions(db.dataSource());
        notices = new NoticeStore(transactions, clock, new NoticeDocument("test"));
        rows = new OutboxRows(db.dataSource(), clock, transactions, notices);
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
        String event = rows.event("e1");
        String first = rows.notice(event, "O21", "police", Priority.URGENT);
        outbox.failed(only(outbox.claim(10)), REFUSED);
        assertThat(outbox.offices().holds("police")).isTrue();

        clock.advance(Duration.ofMillis(100));
        String routine = rows.notice(event, "O1", "police", Priority.NORMAL);
        String urgent = rows.notice(event, "O22", "police", Priority.URGENT);
        String other = rows.notice(event, "O1", "bfe", Priority.NORMAL);
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
        String event = rows.event("e1");
        rows.notice(event, "O21", "police", Priority.URGENT);
        outbox.failed(only(outbox.claim(10)), Failure.transientFailure("HTTP 429"));
        assertThat(outbox.offices().holds("police")).isFalse();
        String next = rows.notice(event, "O22", "police", Priority.URGENT);
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

}

package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.Priority;
import no.budstikke.store.Database;
import no.budstikke.store.Transactions;
import no.budstikke.store.NoticeStatus;
import no.budstikke.store.NoticeStore;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.OutboxRows;
import no.budstikke.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox's state machine on both databases, with a clock the test moves. */
class OutboxIT {

    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(10), 2, Duration.ofMinutes(5), 3, 0);

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

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
        outbox = new Outbox(transactions, clock, Map.of(Channel.HTTP, RETRY, Channel.MAIL, RETRY, Channel.SFTP, RETRY),
                Duration.ofMinutes(2), () -> 0.5, offices());
    }

    /** Office back-off as the hub's defaults set it, for an instance of its own. */
    private OfficeBackoff offices() {
        return new OfficeBackoff(clock, Duration.ofSeconds(1), Duration.ofSeconds(5), 3);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        if (db != null) db.close();
    }

    private void tick(Duration d) {
        now.set(now.get().plus(d));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void urgentNoticesAreClaimedBeforeOlderRoutineOnes(Kind kind) throws Exception {
        open(kind);
        {
            String event = rows.event("e1");
            for (int i = 0; i < 1000; i++) {
                rows.notice(event, "O1", "office-" + i, Priority.NORMAL);
            }
            tick(Duration.ofSeconds(1));
            String urgent = rows.notice(event, "O21", "police", Priority.URGENT);
            tick(Duration.ofSeconds(1));
            String high = rows.notice(event, "O24", "bfe", Priority.HIGH);

            List<Delivery> first = outbox.claim(3);

            assertThat(first).extracting(Delivery::noticeId).startsWith(urgent, high);
            assertThat(first.get(2).priority()).isEqualTo(Priority.NORMAL);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void newRetriedAndAbandonedNoticesAreClaimedInOneOrderMostUrgentThenOldest(Kind kind) throws Exception {
        open(kind);
        {
            String event = rows.event("e1");
            String routine = rows.notice(event, "O1", "sf", Priority.NORMAL);
            String task = rows.notice(event, "O23", "lawyer", Priority.URGENT, Channel.TASK);
            tick(Duration.ofSeconds(1));
            String abandoned = rows.notice(event, "O21", "police", Priority.URGENT);
            tick(Duration.ofSeconds(1));
            String waiting = rows.notice(event, "O22", "barnevern", Priority.URGENT);
            tick(Duration.ofSeconds(1));
            String retried = rows.notice(event, "O24", "bfe", Priority.HIGH);
            List<Delivery> first = outbox.claim(3);
            assertThat(first).extracting(Delivery::noticeId).containsExactly(abandoned, waiting, retried);
            outbox.failed(first.get(1), new Failure(false, "HTTP 429", Optional.of(Duration.ofMinutes(10))));
            outbox.failed(first.get(2), Failure.transientFailure("HTTP 503"));
            tick(Duration.ofMinutes(3)); // the abandoned one's lease ran out, the retried one's back-off too
            String fresh = rows.notice(event, "O25", "police-2", Priority.URGENT);

            List<Delivery> second = outbox.claim(10);

            assertThat(second).extracting(Delivery::noticeId).as("the waiting one is not due; a task is never claimed")
                    .containsExactly(abandoned, fresh, retried, routine);
            assertThat(status(waiting)).isEqualTo(NoticeStatus.FAILED.name());
            assertThat(status(task)).isEqualTo(NoticeStatus.CREATED.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNoticeLockedByAnotherClaimIsSkippedNotWaitedFor(Kind kind) throws Exception {
        open(kind);
        String event = rows.event("e1");
        String first = rows.notice(event, "O21", "police", Priority.URGENT);
        tick(Duration.ofSeconds(1));
        String second = rows.notice(event, "O22", "barnevern", Priority.URGENT);
        tick(Duration.ofSeconds(1));
        String third = rows.notice(event, "O1", "sf", Priority.NORMAL);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = db.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT notice_id FROM notice WHERE notice_id = ? FOR UPDATE")) {
                lock.setString(1, first);
                lock.executeQuery().close();
            }

            Future<List<Delivery>> claim = pool.submit(() -> outbox.claim(2));

            assertThat(claim.get(10, TimeUnit.SECONDS)).extracting(Delivery::noticeId).containsExactly(second, third);
            other.rollback();
        } finally {
            pool.shutdownNow();
        }
        assertThat(outbox.claim(2)).extracting(Delivery::noticeId).containsExactly(first);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aClaimedNoticeIsNotClaimedAgainUntilItsLeaseRunsOutAndThenWithTheSameId(Kind kind) throws Exception {
        open(kind);
        {
            String id = rows.notice(rows.event("e1"), "O21", "police", Priority.URGENT);
            Delivery first = outbox.claim(10).get(0);

            assertThat(outbox.claim(10)).isEmpty();
            tick(Duration.ofMinutes(3)); // the sending instance died
            Delivery second = outbox.claim(10).get(0);

            assertThat(second.noticeId()).isEqualTo(id).isEqualTo(first.noticeId());
            assertThat(second.document()).isEqualTo(first.document());
            assertThat(second.attempt()).isEqualTo(2);
            outbox.delivered(first, "late answer of the first attempt"); // ignored: the lease passed on
            assertThat(status(id)).isEqualTo(NoticeStatus.SENDING.name());
            outbox.delivered(second, "HTTP 201");
            assertThat(status(id)).isEqualTo(NoticeStatus.DELIVERED.name());
            assertThat(attempts(id)).containsExactly("DELIVERED");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRenewedLeaseKeepsANoticeFromOtherInstancesForAsLongAsItIsHeld(Kind kind) throws Exception {
        open(kind);
        {
            String event = rows.event("e1");
            String sending = rows.notice(event, "O21", "police", Priority.URGENT);
            String waiting = rows.notice(event, "O20", "police", Priority.URGENT);
            List<Delivery> held = outbox.claim(10);
            Outbox other = new Outbox(transactions, clock, Map.of(), Duration.ofMinutes(2), () -> 0.5, offices());

            for (int i = 0; i < 5; i++) {
                tick(Duration.ofSeconds(90)); // well within each lease of 2 minutes, but long past the first
                assertThat(outbox.renewLeases()).isEqualTo(2);
                assertThat(other.claim(10)).as("held notices are not claimed by another instance").isEmpty();
            }
            assertThat(held).hasSize(2);
            outbox.delivered(held.stream().filter(d -> d.noticeId().equals(sending)).findFirst().orElseThrow(), "HTTP 201");
            assertThat(outbox.holding()).isEqualTo(1);
            assertThat(outbox.renewLeases()).as("a settled notice is renewed no more").isEqualTo(1);
            outbox.release(held.stream().filter(d -> d.noticeId().equals(waiting)).findFirst().orElseThrow()); // this instance gave it up without an outcome, as a crash does
            tick(Duration.ofMinutes(3));

            assertThat(outbox.renewLeases()).isZero();
            assertThat(other.claim(10)).extracting(Delivery::noticeId).containsExactly(waiting);
            assertThat(status(sending)).isEqualTo(NoticeStatus.DELIVERED.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anAttemptWhoseLeaseWasTakenOverIsLetGoAndItsLateOutcomeIsIgnored(Kind kind) throws Exception {
        open(kind);
        {
            String id = rows.notice(rows.event("e1"), "O21", "police", Priority.URGENT);
            Delivery first = outbox.claim(10).get(0);
            tick(Duration.ofMinutes(3)); // the renewals stalled, say a long pause: the lease ran out
            Outbox other = new Outbox(transactions, clock, Map.of(), Duration.ofMinutes(2), () -> 0.5, offices());
            Delivery second = other.claim(10).get(0);

            assertThat(outbox.renewLeases()).as("the first attempt no longer holds the notice").isZero();
            assertThat(outbox.holding()).isZero();
            assertThat(other.renewLeases()).isEqualTo(1);
            outbox.delivered(first, "late answer of the first attempt");
            assertThat(status(id)).isEqualTo(NoticeStatus.SENDING.name());
            other.delivered(second, "HTTP 201");
            assertThat(status(id)).isEqualTo(NoticeStatus.DELIVERED.name());
            assertThat(attempts(id)).containsExactly("DELIVERED");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void transientFailuresAreRetriedWithBackOffUntilTheAttemptsAreUsedUp(Kind kind) throws Exception {
        open(kind);
        {
            String id = rows.notice(rows.event("e1"), "O21", "police", Priority.URGENT);

            outbox.failed(outbox.claim(1).get(0), Failure.transientFailure("java.net.ConnectException"));
            assertThat(status(id)).isEqualTo(NoticeStatus.FAILED.name());
            assertThat(outbox.claim(1)).as("not due before the back-off").isEmpty();
            tick(Duration.ofSeconds(10));
            outbox.failed(outbox.claim(1).get(0), Failure.transientFailure("HTTP 503"));
            tick(Duration.ofSeconds(19));
            assertThat(outbox.claim(1)).as("the second wait is twice the first").isEmpty();
            tick(Duration.ofSeconds(1));
            outbox.failed(outbox.claim(1).get(0), Failure.transientFailure("HTTP 503"));

            assertThat(status(id)).isEqualTo(NoticeStatus.DEAD.name());
            assertThat(attempts(id)).containsExactly("RETRY", "RETRY", "DEAD");
            assertThat(lastError(id)).isEqualTo("HTTP 503");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRecipientsRetryAfterIsHonoured(Kind kind) throws Exception {
        open(kind);
        {
            String id = rows.notice(rows.event("e1"), "O21", "police", Priority.URGENT);
            outbox.failed(outbox.claim(1).get(0), new Failure(false, "HTTP 429", Optional.of(Duration.ofSeconds(120))));
            tick(Duration.ofSeconds(119));
            assertThat(outbox.claim(1)).isEmpty();
            tick(Duration.ofSeconds(1));
            assertThat(outbox.claim(1)).extracting(Delivery::noticeId).containsExactly(id);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPermanentFailureIsDeadAtOnceAndAReplaySendsItAgainWithTheSameId(Kind kind) throws Exception {
        open(kind);
        {
            String id = rows.notice(rows.event("e1"), "O21", "police", Priority.URGENT);
            Delivery first = outbox.claim(1).get(0);
            outbox.failed(first, Failure.permanentFailure("HTTP 404"));
            assertThat(status(id)).isEqualTo(NoticeStatus.DEAD.name());
            assertThat(outbox.claim(1)).isEmpty();

            assertThat(outbox.replay(id, "ops-desk")).isTrue();
            Delivery again = outbox.claim(1).get(0);

            assertThat(again.noticeId()).isEqualTo(id);
            assertThat(again.attempt()).as("a replay starts a fresh retry budget").isEqualTo(1);
            outbox.delivered(again, "HTTP 200");
            assertThat(status(id)).isEqualTo(NoticeStatus.DELIVERED.name());
            assertThat(outbox.replay(id, "ops-desk")).as("a delivered notice is not replayed").isFalse();
            assertThat(actions(id)).containsExactly("REPLAY by ops-desk");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void replayingAnOfficeReplaysOnlyItsDeadAndFailedNotices(Kind kind) throws Exception {
        open(kind);
        {
            String event = rows.event("e1");
            String dead = rows.notice(event, "O21", "police", Priority.URGENT);
            String failed = rows.notice(event, "O20", "police", Priority.URGENT);
            String other = rows.notice(event, "O22", "barnevern", Priority.URGENT);
            for (Delivery d : outbox.claim(3)) {
                outbox.failed(d, d.noticeId().equals(failed) ? Failure.transientFailure("x") : Failure.permanentFailure("y"));
            }
            assertThat(outbox.replayOffice("police", "ops-desk")).isEqualTo(2);
            assertThat(status(dead)).isEqualTo(NoticeStatus.CREATED.name());
            assertThat(status(failed)).isEqualTo(NoticeStatus.CREATED.name());
            assertThat(status(other)).isEqualTo(NoticeStatus.DEAD.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCancelledNoticeIsNotSentButOneBeingSentCannotBeCancelled(Kind kind) throws Exception {
        open(kind);
        {
            String event = rows.event("e1");
            String waiting = rows.notice(event, "O1", "sf", Priority.NORMAL);
            assertThat(outbox.cancel(waiting, "ops-desk")).isTrue();
            assertThat(outbox.claim(10)).isEmpty();
            assertThat(status(waiting)).isEqualTo(NoticeStatus.CANCELLED.name());

            String sending = rows.notice(event, "O2", "bv", Priority.NORMAL);
            outbox.claim(10);
            assertThat(outbox.cancel(sending, "ops-desk")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoInstancesClaimingAtOnceNeverTakeTheSameNotice(Kind kind) throws Exception {
        open(kind);
        {
            String event = rows.event("e1");
            for (int i = 0; i < 200; i++) rows.notice(event, "O1", "office-" + i, Priority.NORMAL);
            Outbox second = new Outbox(transactions, clock, Map.of(), Duration.ofMinutes(2), () -> 0.5, offices());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Delivery>>> claims = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    Outbox o = i % 2 == 0 ? outbox : second;
                    claims.add(pool.submit((Callable<List<Delivery>>) () -> o.claim(10)));
                }
                List<String> all = new ArrayList<>();
                for (Future<List<Delivery>> f : claims) f.get().forEach(d -> all.add(d.noticeId()));
                assertThat(all).doesNotHaveDuplicates();
                assertThat(all).hasSizeLessThanOrEqualTo(200);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    // --- fixtures -----------------------------------------------------------------------------

    private String status(String noticeId) {
        return notices.state(noticeId).orElseThrow().status().name();
    }

    private String lastError(String noticeId) {
        return notices.state(noticeId).orElseThrow().lastError();
    }

    private List<String> attempts(String noticeId) throws Exception {
        return strings("SELECT outcome FROM delivery_attempt WHERE notice_id = ? ORDER BY id", noticeId);
    }

    private List<String> actions(String noticeId) throws Exception {
        return strings("SELECT action || ' by ' || actor FROM notice_action WHERE notice_id = ? ORDER BY id", noticeId);
    }

    private List<String> strings(String sql, String param) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            List<String> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) list.add(rs.getString(1));
            }
            return list;
        }
    }
}

package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import no.budstikke.model.Channel;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.Priority;
import no.budstikke.store.Database;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.Transactions;
import no.budstikke.testing.OutboxRows;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Outcomes are written in groups, on both databases: many deliveries in few commits (counted on the
 * connections), a notice whose outcome waits keeps its lease renewed, an instance that dies before
 * the write leaves the notice to be sent again with its id, and a stop writes what waits.
 */
class OutcomeBatchesIT {

    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(10), 2, Duration.ofMinutes(5), 3, 0);
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private final AtomicInteger commits = new AtomicInteger();
    private final List<OutcomeQueue> queues = new ArrayList<>();
    private Database db;
    private Transactions transactions;
    private OutboxRows rows;

    private void open(Kind kind) {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 4);
        transactions = new Transactions(counting(db.dataSource()));
        NoticeStore notices = new NoticeStore(transactions, clock, new NoticeDocument("test"));
        rows = new OutboxRows(db.dataSource(), clock, transactions, notices);
    }

    @AfterEach
    void close() throws Exception {
        for (OutcomeQueue q : queues) q.close();
        if (db != null) db.close();
    }

    private Outbox outbox() {
        return new Outbox(transactions, clock, Map.of(Channel.HTTP, RETRY), LEASE, () -> 0.5,
                new OfficeBackoff(clock, Duration.ofSeconds(1), Duration.ofSeconds(5), 3));
    }

    private OutcomeQueue queue(Outbox outbox, int batch, Duration linger) {
        OutcomeQueue q = OutcomeQueue.start(outbox, new FailureClassifier(Map.of()), batch, linger);
        queues.add(q);
        return q;
    }

    private List<String> notices(int n) throws Exception {
        String event = rows.event("e1");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(rows.notice(event, "O" + i, "office-" + (i % 5), Priority.NORMAL));
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void manyDeliveriesAreWrittenInFewerCommitsThanThereAreNotices(Kind kind) throws Exception {
        open(kind);
        int n = 40;
        List<String> ids = notices(n);
        Outbox outbox = outbox();
        List<Delivery> claimed = outbox.claim(n);
        assertThat(claimed).hasSize(n);
        OutcomeQueue queue = queue(outbox, 100, Duration.ofMillis(50));
        commits.set(0);

        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            for (Delivery d : claimed) senders.submit(() -> queue.delivered(d, "HTTP 201 for " + d.noticeId()));
        } finally {
            senders.shutdown();
            assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT COUNT(*) FROM notice WHERE status = 'DELIVERED'") == n);

        System.out.printf("outcome batches on %s: %d deliveries written in %d commit(s)%n", kind, n, commits.get());
        assertThat(commits.get()).as("commits for %d outcomes", n).isLessThanOrEqualTo(n / 4).isEqualTo((int) queue.writes());
        assertThat(count("SELECT COUNT(*) FROM delivery_attempt WHERE outcome = 'DELIVERED'")).as("one journal row each").isEqualTo(n);
        Map<String, String> receipts = receipts();
        ids.forEach(id -> assertThat(receipts.get(id)).isEqualTo("HTTP 201 for " + id));
        assertThat(outbox.holding()).as("written outcomes are held no more").isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNoticeWhoseOutcomeWaitsKeepsItsLeaseAndIsSentAgainWithItsIdWhenTheInstanceDiesFirst(Kind kind) throws Exception {
        open(kind);
        String id = notices(1).get(0);
        Outbox first = outbox();
        Delivery d = first.claim(10).get(0);
        OutcomeQueue waiting = queue(first, 100, NEVER);

        waiting.delivered(d, "HTTP 201");
        first.finished(d); // the sender is done; the outcome is not written yet

        clock.advance(Duration.ofSeconds(4));
        assertThat(first.renewLeases()).as("the lease of a notice whose outcome waits is renewed").isEqualTo(1);
        assertThat(statusOf(id)).isEqualTo("SENDING 1");

        // The first instance dies here, its outcome unwritten: no renewals any more.
        clock.advance(LEASE.plusSeconds(1));
        Outbox other = outbox();
        List<Delivery> again = other.claim(10);
        assertThat(again).extracting(Delivery::noticeId).as("sent again, with the same id").containsExactly(id);
        assertThat(again.get(0).attempt()).isEqualTo(2);
        other.delivered(again.get(0), "HTTP 201");

        waiting.close(); // a late write of the dead attempt's outcome counts for nothing
        assertThat(statusOf(id)).isEqualTo("DELIVERED 2");
        assertThat(count("SELECT COUNT(*) FROM delivery_attempt")).as("only the second attempt is journalled").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStopWritesTheOutcomesThatWaitInOneCommit(Kind kind) throws Exception {
        open(kind);
        List<String> ids = notices(5);
        Outbox outbox = outbox();
        List<Delivery> claimed = outbox.claim(10);
        OutcomeQueue queue = queue(outbox, 100, NEVER);
        claimed.subList(0, 4).forEach(d -> queue.delivered(d, "HTTP 201"));
        queue.failed(claimed.get(4), new java.net.ConnectException("refused"));
        assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'SENDING'")).as("nothing written before the stop").isEqualTo(5);
        commits.set(0);

        queue.close();

        assertThat(commits.get()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM notice WHERE status = 'DELIVERED'")).isEqualTo(4);
        assertThat(statusOf(claimed.get(4).noticeId())).as("the failure is scheduled for a retry").isEqualTo("FAILED 1");
        assertThat(outbox.offices().holds(claimed.get(4).officeId())).as("its office backs off").isTrue();
        assertThat(ids).hasSize(5);
    }

    // --- reading the database, and counting commits ------------------------------------------

    private DataSource counting(DataSource ds) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
            Object result = invoke(ds, m, args);
            if (m.getName().equals("getConnection")) {
                Connection c = (Connection) result;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                    if (cm.getName().equals("commit")) commits.incrementAndGet();
                    return invoke(c, cm, cargs);
                });
            }
            return result;
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private int count(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private String statusOf(String id) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status, attempts FROM notice WHERE notice_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + " " + rs.getInt(2);
            }
        }
    }

    private Map<String, String> receipts() throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT notice_id, receipt FROM notice")) {
            while (rs.next()) out.put(rs.getString(1), rs.getString(2));
        }
        return out;
    }
}

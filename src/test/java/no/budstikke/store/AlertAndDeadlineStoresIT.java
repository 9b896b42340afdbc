package no.budstikke.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import no.budstikke.model.Channel;
import no.budstikke.model.Deadline;
import no.budstikke.model.DeadlineClock;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The alert and deadline run repositories on both databases: the lifecycles they move through
 * (alert raised → acknowledged; run running → met, breached or ended), and which notices a
 * running deadline counts per event, case or region and per round.
 */
class AlertAndDeadlineStoresIT {

    private static final String DUF = "201900000001";
    private static final Instant T0 = Instant.parse("2027-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
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
    private AlertStore alerts;
    private final DeadlineRuns runs = new DeadlineRuns();

    private void open(Kind kind) {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 4);
        transactions = new Transactions(db.dataSource());
        notices = new NoticeStore(transactions, clock, new NoticeDocument("test"));
        alerts = new AlertStore(notices);
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anAlertIsRaisedOnceListedByStateAndAcknowledgedOnce(Kind kind) throws Exception {
        open(kind);
        String event = event("e1", null);
        OffsetDateTime at = T0.atOffset(ZoneOffset.UTC);
        AlertStore.NewAlert first = new AlertStore.NewAlert("k1", "KIND", event, "x".repeat(250), "detail", at);
        AlertStore.NewAlert second = new AlertStore.NewAlert("k2", "KIND", event, "second", "detail", at.plusMinutes(1));

        long id1 = transactions.inTransaction(tx -> alerts.raise(tx, first)).orElseThrow();
        assertThat(transactions.<Optional<Long>>inTransaction(tx -> alerts.raise(tx, first))).isEmpty();
        long id2 = transactions.inTransaction(tx -> {
            long id = alerts.raise(tx, second).orElseThrow();
            alerts.mail(tx, id, "00000000000000000000000000000a02", event, mail(Priority.HIGH));
            return id;
        });

        StoredAlert stored1 = transactions.read(tx -> alerts.get(tx, id1)).orElseThrow();
        assertThat(stored1.subject()).hasSize(200).endsWith("…");
        assertThat(stored1.priority()).isEmpty();
        assertThat(stored1.noticeId()).isNull();
        assertThat(stored1.state()).isEqualTo(AlertState.RAISED);
        StoredAlert stored2 = transactions.read(tx -> alerts.get(tx, id2)).orElseThrow();
        assertThat(stored2.priority()).isEqualTo(Priority.HIGH.name());
        assertThat(stored2.noticeId()).isEqualTo("00000000000000000000000000000a02");
        assertThat(stored2.raisedAt()).isEqualTo(at.plusMinutes(1));

        assertThat(list(EnumSet.of(AlertState.RAISED))).containsExactly(id2, id1);
        assertThat(list(EnumSet.of(AlertState.ACKNOWLEDGED))).isEmpty();

        assertThat(transactions.<Boolean>inTransaction(tx -> alerts.acknowledge(tx, id1, "ops-1", at.plusHours(1)))).isTrue();
        assertThat(transactions.<Boolean>inTransaction(tx -> alerts.acknowledge(tx, id1, "ops-2", at.plusHours(2)))).isFalse();
        assertThat(transactions.<Boolean>inTransaction(tx -> alerts.acknowledge(tx, 999_999L, "ops-1", at))).isFalse();
        assertThat(transactions.<Boolean>inTransaction(tx -> alerts.acknowledge(tx, "k2", "ops-3", at.plusHours(3)))).isTrue();
        assertThat(transactions.<Boolean>inTransaction(tx -> alerts.acknowledge(tx, "k2", "ops-3", at.plusHours(4)))).isFalse();

        StoredAlert acknowledged = transactions.read(tx -> alerts.get(tx, id1)).orElseThrow();
        assertThat(acknowledged.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("ops-1");
        assertThat(acknowledged.acknowledgedAt()).isEqualTo(at.plusHours(1));
        assertThat(list(EnumSet.of(AlertState.RAISED))).isEmpty();
        assertThat(list(EnumSet.of(AlertState.ACKNOWLEDGED))).containsExactly(id2, id1);
        assertThat(list(EnumSet.allOf(AlertState.class))).containsExactly(id2, id1);
        assertThat(transactions.<List<StoredAlert>>read(tx -> alerts.forEvent(tx, event))).extracting(StoredAlert::id).containsExactly(id1, id2);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRunIsStartedOncePerOpenKeyAndMovesThroughItsStates(Kind kind) throws Exception {
        open(kind);
        String event = event("e1", "{\"n\":1}");
        DeadlineClock.Times times = new DeadlineClock.Times(T0, T0.plus(Duration.ofHours(24)), T0.plus(Duration.ofHours(12)));

        long first = transactions.inTransaction(tx -> runs.start(tx, "open-1", "D1", event, DUF, null, 1, times, T0)).orElseThrow();
        assertThat(transactions.<Optional<Long>>inTransaction(tx -> runs.start(tx, "open-1", "D1", event, DUF, null, 1, times, T0))).isEmpty();
        assertThat(transactions.read(runs::lastId)).isEqualTo(first);
        assertThat(transactions.<List<Long>>read(tx -> runs.runningIds(tx, 0, first, 10))).containsExactly(first);

        DeadlineRun running = transactions.inTransaction(tx -> runs.lockRunning(tx, first)).orElseThrow();
        assertThat(running).isEqualTo(DeadlineRun.started(first, "D1", event, DUF, null, 1, times));
        assertThat(running.state()).isEqualTo(DeadlineState.RUNNING);
        assertThat(transactions.<List<DeadlineRun>>inTransaction(tx -> runs.running(tx, "D1", DUF))).extracting(DeadlineRun::id).containsExactly(first);

        // Met: no longer running, and its open key is free for the next round.
        Instant met = T0.plus(Duration.ofHours(2));
        transactions.inTransaction(tx -> {
            runs.closedBy(tx, first, met, "closing-event");
            runs.met(tx, first, met, "closing-event");
            return null;
        });
        assertThat(transactions.<Optional<DeadlineRun>>inTransaction(tx -> runs.lockRunning(tx, first))).isEmpty();
        assertThat(transactions.<List<Long>>read(tx -> runs.runningIds(tx, 0, first, 10))).isEmpty();
        long second = transactions.inTransaction(tx -> runs.start(tx, "open-1", "D1", event, DUF, null, 2, times, met)).orElseThrow();

        // Breached and never met: still closable, until a closing event is recorded on it.
        Instant breached = T0.plus(Duration.ofHours(25));
        transactions.inTransaction(tx -> {
            runs.atRiskAlerted(tx, second, T0.plus(Duration.ofHours(12)));
            runs.breached(tx, second, breached, null, "ignored while not met");
            return null;
        });
        assertThat(transactions.<List<DeadlineRun>>inTransaction(tx -> runs.closable(tx, "D1", DUF))).extracting(DeadlineRun::id).containsExactly(second);
        assertThat(transactions.<List<DeadlineRun>>inTransaction(tx -> runs.running(tx, "D1", DUF))).isEmpty();
        transactions.inTransaction(tx -> {
            runs.closedBy(tx, second, breached.plusSeconds(60), "late-event");
            return null;
        });
        assertThat(transactions.<List<DeadlineRun>>inTransaction(tx -> runs.closable(tx, "D1", DUF))).isEmpty();

        long third = transactions.inTransaction(tx -> runs.start(tx, "open-1", "D1", event, DUF, null, 3, times, breached)).orElseThrow();
        transactions.inTransaction(tx -> {
            runs.end(tx, third, breached, "ending-event");
            return null;
        });

        List<DeadlineRun> all = transactions.read(tx -> runs.forEvent(tx, event));
        assertThat(all).extracting(DeadlineRun::state).containsExactly(DeadlineState.MET, DeadlineState.BREACHED, DeadlineState.ENDED);
        assertThat(all.get(0).closedAt()).isEqualTo(met);
        assertThat(all.get(0).closedBy()).isEqualTo("closing-event");
        assertThat(all.get(1).breachedAt()).isEqualTo(breached);
        assertThat(all.get(1).atRiskAlertedAt()).isEqualTo(T0.plus(Duration.ofHours(12)));
        assertThat(all.get(1).closedAt()).isEqualTo(breached.plusSeconds(60));
        assertThat(all.get(1).closedBy()).isEqualTo("late-event");
        assertThat(all.get(2).closedBy()).isEqualTo("ending-event");

        assertThat(transactions.<List<DeadlineRun>>read(tx -> runs.list(tx, List.of(DeadlineState.BREACHED, DeadlineState.ENDED), 10)))
                .extracting(DeadlineRun::id).containsExactly(second, third);
        assertThat(transactions.<List<DeadlineRun>>read(tx -> runs.list(tx, List.of(DeadlineState.RUNNING), 10))).isEmpty();
        assertThat(transactions.<List<DeadlineRun>>read(tx -> runs.list(tx, List.of(), 10))).isEmpty();

        assertThat(transactions.<String>read(tx -> runs.payload(tx, event))).contains("\"n\"");
        assertThatThrownBy(() -> transactions.read(tx -> runs.payload(tx, "no-such-event"))).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRunCountsTheWatchedNoticesOfItsEventCaseOrRegionAndRound(Kind kind) throws Exception {
        open(kind);
        String starting = event("start", null);
        String later = event("later", null);
        String own = notice(starting, "O1", "office-a");
        notice(starting, "O9", "office-a"); // a duty the deadline does not watch
        now.set(T0.plus(Duration.ofHours(2)));
        String since = notice(later, "O1", "office-b");

        Instant started = T0.plus(Duration.ofHours(1));
        DeadlineClock.Times times = new DeadlineClock.Times(started, started.plus(Duration.ofDays(1)), started.plus(Duration.ofHours(12)));
        DeadlineRun firstRound = DeadlineRun.started(1, "D1", starting, DUF, "region", 1, times);
        DeadlineRun laterRound = DeadlineRun.started(2, "D1", starting, DUF, "region", 2, times);

        assertThat(watched(deadline(Deadline.Per.EVENT), firstRound, List.of())).containsExactly(own);
        assertThat(watched(deadline(Deadline.Per.EVENT), laterRound, List.of())).isEmpty();
        assertThat(watched(deadline(Deadline.Per.CASE), firstRound, List.of())).containsExactly(own, since);
        assertThat(watched(deadline(Deadline.Per.CASE), laterRound, List.of())).containsExactly(since);
        assertThat(watched(deadline(Deadline.Per.UDI_REGION), firstRound, List.of("office-a", "office-b"))).containsExactly(own, since);
        assertThat(watched(deadline(Deadline.Per.UDI_REGION), laterRound, List.of("office-b"))).containsExactly(since);
        assertThat(watched(deadline(Deadline.Per.UDI_REGION), firstRound, List.of())).isEmpty();

        WatchedNotice n = transactions.read(tx -> runs.watched(tx, deadline(Deadline.Per.EVENT), firstRound, List.of())).get(0);
        assertThat(n.duty()).isEqualTo("O1");
        assertThat(n.officeId()).isEqualTo("office-a");
        assertThat(n.status()).isEqualTo(NoticeStatus.CREATED);
        assertThat(n.deliveredAt()).isNull();
    }

    private List<Long> list(Set<AlertState> states) {
        return transactions.read(tx -> alerts.list(tx, states, 10)).stream().map(StoredAlert::id).toList();
    }

    private List<String> watched(Deadline d, DeadlineRun run, List<String> regionOffices) {
        return transactions.read(tx -> runs.watched(tx, d, run, regionOffices)).stream().map(WatchedNotice::noticeId).toList();
    }

    private static Deadline deadline(Deadline.Per per) {
        return new Deadline("D1", "test", List.of("t"), Optional.empty(), per, List.of("O1", "O2"), new Deadline.Limit.Hours(24),
                new Deadline.Closing.Delivered(true), Optional.empty(), 0.5, "ops", ZoneOffset.UTC, null);
    }

    /** Stores an event of the case; {@code payload} null: an empty object. */
    private String event(String id, String payload) throws Exception {
        String key = no.budstikke.intake.EventKey.of("urn:test", id);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inbound_event (event_key, source, event_id, type, event_time, received_at, channel, origin,
                                           duf_number, payload_sha256, payload, status, status_changed_at)
                VALUES (?, 'urn:test', ?, 'no.udi.mot.resident.missing.v1', ?, ?, 'http', 'test', ?, 'x', ?, 'DISPATCHED', ?)""")) {
            OffsetDateTime t = OffsetDateTime.now(clock);
            ps.setString(1, key);
            ps.setString(2, id);
            ps.setObject(3, t);
            ps.setObject(4, t);
            ps.setString(5, DUF);
            ps.setString(6, payload == null ? "{}" : payload);
            ps.setObject(7, t);
            ps.executeUpdate();
        }
        return key;
    }

    private String notice(String eventKey, String duty, String officeId) {
        Notice n = new Notice(duty, false, "kind", Priority.NORMAL, office(officeId), "purpose", "basis",
                JsonNodeFactory.instance.objectNode(), List.of(), List.of());
        JsonNode event = JsonNodeFactory.instance.objectNode().put("source", "urn:test").put("id", eventKey).put("type", "t")
                .put("time", "x").set("data", JsonNodeFactory.instance.objectNode().set("person",
                        JsonNodeFactory.instance.objectNode().put("dufNumber", DUF)));
        return transactions.inTransaction(tx -> notices.insert(tx, eventKey, event, n));
    }

    private static Notice mail(Priority priority) {
        return new Notice("ALERT", false, "ops-alert", priority, office("ops"), "ops-follow-up", "basis",
                JsonNodeFactory.instance.objectNode(), List.of(), List.of());
    }

    private static Office office(String id) {
        return new Office(id, Role.POLICE_DISTRICT, id, Channel.MAIL, id + "@example.org",
                new Serves(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()), false);
    }
}

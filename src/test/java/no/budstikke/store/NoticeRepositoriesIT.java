package no.budstikke.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;
import no.budstikke.model.Unresolved;
import no.budstikke.testing.TestClock;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The notice repositories on both databases: the ops lists and counts read what the outbox wrote,
 * tasks move from open to delivered or cancelled, and gaps stay open until resolved.
 */
class NoticeRepositoriesIT {

    private static final String DUF = "201912345678";

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private Database db;
    private Transactions transactions;
    private NoticeStore notices;
    private OutboxStore outbox;

    private void open(Kind kind) {
        db = Database.open(TestDatabases.freshUrl(kind, dir), null, null, dir, 4);
        transactions = new Transactions(db.dataSource());
        notices = new NoticeStore(transactions, clock, new NoticeDocument("test"), Duration.ofHours(2));
        outbox = new OutboxStore(transactions);
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void opsListsAndCountsReadWhatTheOutboxWrote(Kind kind) throws Exception {
        open(kind);
        String event = event(1, null);
        String routine = insert(event, notice("O1", "office-a", Priority.NORMAL, Channel.HTTP, false));
        String copy = insert(event, notice("O1", "office-b", Priority.NORMAL, Channel.MAIL, true));
        String urgent = insert(event, notice("O21", "office-a", Priority.URGENT, Channel.HTTP, false));
        String task = insert(event, notice("O23", "contact:rep", Priority.URGENT, Channel.TASK, false));

        assertThat(notices.forEvent(event)).extracting(NoticeStore.NoticeSummary::noticeId).containsExactly(urgent, task, routine, copy);
        assertThat(notices.forEvent(event).get(3)).satisfies(s -> {
            assertThat(s.copy()).isTrue();
            assertThat(s.channel()).isEqualTo("MAIL");
            assertThat(s.status()).isEqualTo(NoticeStatus.CREATED);
        });

        // The task is never claimed; of the three others one is delivered, one fails for a retry, one is dead.
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<ClaimedNotice> claimed = outbox.claim(10, now, now.plusMinutes(2));
        assertThat(claimed).extracting(ClaimedNotice::noticeId).containsExactly(urgent, routine, copy);
        assertThat(claimed).allSatisfy(c -> assertThat(c.attempt()).isEqualTo(1));
        assertThat(outbox.delivered(urgent, 1, "HTTP 201", now)).isTrue();
        assertThat(outbox.failed(routine, 1, "HTTP 503", Optional.of(now.plusMinutes(5)), now)).isTrue();
        assertThat(outbox.failed(copy, 1, "HTTP 404", Optional.empty(), now)).isTrue();
        assertThat(outbox.delivered(copy, 1, "late", now)).as("a settled attempt holds the notice no more").isFalse();

        assertThat(notices.state(urgent).orElseThrow()).satisfies(s -> {
            assertThat(s.status()).isEqualTo(NoticeStatus.DELIVERED);
            assertThat(s.receipt()).isEqualTo("HTTP 201");
            assertThat(s.deliveredAt()).isNotNull();
        });
        assertThat(notices.state(routine).orElseThrow()).satisfies(s -> {
            assertThat(s.status()).isEqualTo(NoticeStatus.FAILED);
            assertThat(s.lastError()).isEqualTo("HTTP 503");
            assertThat(s.deliveredAt()).isNull();
            assertThat(s.nextAttemptAt().toInstant()).isEqualTo(now.plusMinutes(5).toInstant());
        });
        assertThat(notices.list(List.of(NoticeStatus.FAILED, NoticeStatus.DEAD), null, 10)).extracting(NoticeStore.NoticeState::noticeId)
                .containsExactlyInAnyOrder(routine, copy);
        assertThat(notices.list(List.of(NoticeStatus.FAILED, NoticeStatus.DEAD), "office-a", 10)).extracting(NoticeStore.NoticeState::noticeId)
                .containsExactly(routine);
        assertThat(notices.backlog()).singleElement().satisfies(b -> {
            assertThat(b.channel()).isEqualTo("HTTP");
            assertThat(b.officeId()).isEqualTo("office-a");
            assertThat(b.pending()).isEqualTo(1);
            assertThat(b.failed()).isEqualTo(1);
            assertThat(b.oldestCreatedAt().toInstant()).isEqualTo(now.toInstant());
        });
        assertThat(notices.troubledOffices()).containsExactly(Map.entry("office-a", 1L), Map.entry("office-b", 1L));

        // A retry in flight still counts as trouble; a first attempt does not.
        assertThat(outbox.act(NoticeAction.REPLAY, copy, "ops-desk", now)).isTrue();
        clock.advance(Duration.ofMinutes(10));
        OffsetDateTime later = OffsetDateTime.now(clock);
        assertThat(outbox.claim(10, later, later.plusMinutes(2))).extracting(ClaimedNotice::noticeId, ClaimedNotice::attempt)
                .containsExactly(tuple(routine, 2), tuple(copy, 1));
        assertThat(notices.troubledOffices()).containsExactly(Map.entry("office-a", 1L));
        assertThat(outbox.stuckAt("office-a")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tasksAreOpenUntilAcknowledgedOrCancelledAndCountedWhenOverdue(Kind kind) throws Exception {
        open(kind);
        String event = event(1, null);
        String representative = insert(event, notice("O23", "contact:rep", Priority.URGENT, Channel.TASK, false));
        String lawyer = insert(event, notice("O23", "contact:lawyer", Priority.URGENT, Channel.TASK, false));
        String mail = insert(event, notice("O1", "office-a", Priority.NORMAL, Channel.MAIL, false));
        TaskStore tasks = new TaskStore(transactions);
        FollowUpCounts counts = new FollowUpCounts(transactions, clock);

        assertThat(tasks.list(false, 10)).extracting(StoredTask::noticeId).containsExactlyInAnyOrder(representative, lawyer);
        assertThat(tasks.get(mail)).as("a notice to be sent is no task").isEmpty();
        StoredTask open = tasks.get(representative).orElseThrow();
        assertThat(open.state()).isEqualTo(TaskState.OPEN);
        assertThat(open.phone()).isEqualTo("+47 contact:rep");
        assertThat(open.dueAt().toInstant()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(open.acknowledgedBy()).isNull();
        assertThat(counts.read().tasksOpen()).isEqualTo(2);
        assertThat(counts.read().tasksOverdue()).isZero();

        clock.advance(Duration.ofMinutes(20));
        OffsetDateTime now = OffsetDateTime.now(clock);
        assertThat(outbox.act(NoticeAction.ACKNOWLEDGE, mail, "ops-desk", now)).as("only a task is acknowledged").isFalse();
        assertThat(outbox.act(NoticeAction.ACKNOWLEDGE, lawyer, "ops-desk", now)).isTrue();
        assertThat(outbox.act(NoticeAction.ACKNOWLEDGE, lawyer, "ops-desk", now)).as("once").isFalse();
        assertThat(outbox.act(NoticeAction.CANCEL, representative, "ops-desk", now)).isTrue();

        assertThat(tasks.list(false, 10)).isEmpty();
        assertThat(tasks.list(true, 10)).extracting(StoredTask::noticeId, StoredTask::state).containsExactlyInAnyOrder(
                tuple(lawyer, TaskState.DELIVERED),
                tuple(representative, TaskState.CANCELLED));
        StoredTask done = tasks.get(lawyer).orElseThrow();
        assertThat(done.acknowledgedBy()).isEqualTo("ops-desk");
        assertThat(done.acknowledgedAt().toInstant()).isEqualTo(now.toInstant());
        assertThat(done.overdue(now.plusDays(1))).as("a done task is never overdue").isFalse();
        assertThat(notices.state(lawyer).orElseThrow().receipt()).isEqualTo("acknowledged by ops");

        // Replayed, the cancelled task is open again, and overdue once its due time has passed.
        assertThat(outbox.act(NoticeAction.REPLAY, representative, "ops-desk", now)).isTrue();
        assertThat(tasks.overdue(now, 10)).isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(tasks.overdue(OffsetDateTime.now(clock), 10)).extracting(StoredTask::noticeId).containsExactly(representative);
        assertThat(tasks.get(representative).orElseThrow().overdue(OffsetDateTime.now(clock))).isTrue();
        FollowUpCounts.Counts c = counts.read();
        assertThat(c.tasksOpen()).isEqualTo(1);
        assertThat(c.tasksOverdue()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void followUpCountsGroupOpenAlertsAndRunningDeadlines(Kind kind) throws Exception {
        open(kind);
        String event = event(1, null);
        OffsetDateTime now = OffsetDateTime.now(clock);
        alert(event, "a1", "TASK_OVERDUE", null);
        alert(event, "a2", "TASK_OVERDUE", null);
        alert(event, "a3", "DEADLINE_BREACHED", null);
        alert(event, "a4", "DEADLINE_BREACHED", now);
        deadline(event, "D1", "RUNNING", now.plusHours(1));
        deadline(event, "D1", "RUNNING", now.minusHours(1));
        deadline(event, "D2", "RUNNING", now.plusHours(1));
        deadline(event, "D2", "MET", now.minusHours(1));

        FollowUpCounts.Counts c = new FollowUpCounts(transactions, clock).read();

        assertThat(c.alertsOpen()).containsExactly(Map.entry("DEADLINE_BREACHED", 1L), Map.entry("TASK_OVERDUE", 2L));
        assertThat(c.deadlinesRunning()).containsExactly(Map.entry("D1", 2L), Map.entry("D2", 1L));
        assertThat(c.deadlinesAtRisk()).containsExactly(Map.entry("D1", 1L));
        assertThat(c.tasksOpen()).isZero();
        assertThat(c.tasksOverdue()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aGapIsOpenUntilResolvedAndTheJournalTellsBoth(Kind kind) throws Exception {
        open(kind);
        String first = event(1, DUF);
        String second = event(2, DUF);
        DispatchGaps gaps = new DispatchGaps(transactions, clock);
        transactions.inTransaction(tx -> {
            gaps.insert(tx, first, new Unresolved("O5", Role.MUNICIPALITY, "no office serves 0301", Priority.HIGH, "0301", "imdi"));
            gaps.insert(tx, second, new Unresolved("O39", Role.UDI_REGIONAL, "no region"));
            return null;
        });
        long firstGap = gaps.list(false, 10).get(0).id();

        assertThat(gaps.count(first)).isEqualTo(1);
        assertThat(gaps.list(false, 10)).extracting(DispatchGaps.Gap::eventKey).containsExactly(first, second);
        assertThat(gaps.list(true, 10)).extracting(DispatchGaps.Gap::eventKey).containsExactly(second, first);
        clock.advance(Duration.ofMinutes(5));
        String resolved = transactions.inTransaction(tx -> {
            DispatchGaps.Gap gap = gaps.lock(tx, firstGap).orElseThrow();
            assertThat(gap.open()).isTrue();
            assertThat(gap.role()).isEqualTo("MUNICIPALITY");
            assertThat(gap.priority()).isEqualTo("HIGH");
            assertThat(gap.fallbackOfficeId()).isEqualTo("imdi");
            String id = notices.insert(tx, first, header(first), notice("O5", "oslo", Priority.HIGH, Channel.HTTP, false), "v7");
            gaps.resolve(tx, firstGap, id, "ops-desk");
            return id;
        });
        Optional<DispatchGaps.Gap> none = transactions.inTransaction(tx -> gaps.lock(tx, 0));
        assertThat(none).isEmpty();
        assertThat(gaps.list(false, 10)).extracting(DispatchGaps.Gap::eventKey).containsExactly(second);
        List<DispatchGaps.Gap> ofFirst = transactions.read(tx -> gaps.forEvent(tx, first));
        assertThat(ofFirst).singleElement().satisfies(g -> {
            assertThat(g.open()).isFalse();
            assertThat(g.resolvedNoticeId()).isEqualTo(resolved);
            assertThat(g.resolvedBy()).isEqualTo("ops-desk");
        });

        Journal journal = new Journal(transactions, (tx, key) -> List.of(), gaps);
        JsonNode timeline = journal.event(first).orElseThrow().path("timeline");
        assertThat(timeline.findValuesAsText("what")).containsExactly("received", "recipient unresolved", "notice decided",
                "recipient resolved");
        assertThat(timeline.get(2).path("status").asText()).isEqualTo("CREATED");
        assertThat(timeline.get(2).path("configVersion").asText()).isEqualTo("v7");
        assertThat(timeline.get(2).path("copy").asBoolean()).isFalse();
        assertThat(timeline.get(3).path("by").asText()).isEqualTo("ops-desk");
        JsonNode events = journal.caseOf(DUF).path("events");
        assertThat(events).extracting(e -> e.path("key").asText()).containsExactly(first, second);
        assertThat(journal.event(key(3))).isEmpty();
    }

    // --- fixtures -----------------------------------------------------------------------------

    private static String key(int n) {
        return String.format("%032d", n);
    }

    private static ObjectNode header(String key) {
        return JsonNodeFactory.instance.objectNode().put("source", "urn:test").put("id", key).put("type", "t").put("time", "x");
    }

    private String event(int n, String dufNumber) throws Exception {
        String key = key(n);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inbound_event (event_key, source, event_id, type, event_time, received_at, channel, origin,
                                           duf_number, payload_sha256, payload, status, status_changed_at)
                VALUES (?, 'urn:test', ?, 'no.udi.mot.resident.missing.v1', ?, ?, 'http', 'test', ?, 'x', '{}', 'DISPATCHED', ?)""")) {
            OffsetDateTime t = OffsetDateTime.now(clock).minusSeconds(10 - n);
            ps.setString(1, key);
            ps.setString(2, key);
            ps.setObject(3, t);
            ps.setObject(4, t);
            ps.setString(5, dufNumber);
            ps.setObject(6, t);
            ps.executeUpdate();
        }
        return key;
    }

    private void alert(String event, String key, String kind, OffsetDateTime acknowledgedAt) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO alert (alert_key, kind, event_key, subject, detail, raised_at, acknowledged_at)
                VALUES (?, ?, ?, 's', 'd', ?, ?)""")) {
            ps.setString(1, key);
            ps.setString(2, kind);
            ps.setString(3, event);
            ps.setObject(4, OffsetDateTime.now(clock));
            ps.setObject(5, acknowledgedAt);
            ps.executeUpdate();
        }
    }

    private void deadline(String event, String id, String status, OffsetDateTime atRiskAt) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO deadline_run (deadline_id, event_key, round, started_at, due_at, at_risk_at, status, created_at)
                VALUES (?, ?, 1, ?, ?, ?, ?, ?)""")) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            ps.setString(1, id);
            ps.setString(2, event);
            ps.setObject(3, now);
            ps.setObject(4, atRiskAt.plusHours(1));
            ps.setObject(5, atRiskAt);
            ps.setString(6, status);
            ps.setObject(7, now);
            ps.executeUpdate();
        }
    }

    private String insert(String event, Notice n) {
        return transactions.inTransaction(tx -> notices.insert(tx, event, header(event), n));
    }

    private static Notice notice(String duty, String officeId, Priority priority, Channel channel, boolean copy) {
        String address = channel == Channel.TASK ? "+47 " + officeId : "https://" + officeId + ".example/";
        Office office = new Office(officeId, Role.POLICE_DISTRICT, officeId, channel, address,
                new Serves(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()), false);
        return new Notice(duty, copy, "kind", priority, office, "purpose", "basis", JsonNodeFactory.instance.objectNode(),
                List.of(), List.of());
    }
}

package no.budstikke.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import no.budstikke.model.Deadline;
import no.budstikke.model.DeadlineClock;

/**
 * The {@code deadline_run} table: each deadline as it runs per event, case or region, and the
 * notices it watches. Every method works in the caller's transaction.
 */
public final class DeadlineRuns {

    /**
     * Inserts a running deadline unless one with the same open key runs already (another start event
     * of the same case or region, or another instance that got there first). Returns its id if new.
     */
    public Optional<Long> start(Transaction tx, String openKey, String deadlineId, String eventKey, String dufNumber,
                                String udiRegion, int round, DeadlineClock.Times times, Instant now) {
        DeadlineRunSql sql = tx.attach(DeadlineRunSql.class);
        int inserted = sql.insert(new DeadlineRunSql.NewRun(deadlineId, eventKey, dufNumber, udiRegion, round, at(times.start()),
                at(times.dueAt()), at(times.atRiskAt()), DeadlineState.RUNNING, openKey, at(now)));
        return inserted == 0 ? Optional.empty() : Optional.of(sql.idByOpenKey(openKey));
    }

    /** The case's runs of a deadline that a closing event can still close: running, or breached and never met; locked. */
    public List<DeadlineRun> closable(Transaction tx, String deadlineId, String dufNumber) {
        return runs(tx.attach(DeadlineRunSql.class).closable(deadlineId, dufNumber, DeadlineState.RUNNING, DeadlineState.BREACHED));
    }

    /** The case's running runs of a deadline; locked. */
    public List<DeadlineRun> running(Transaction tx, String deadlineId, String dufNumber) {
        return runs(tx.attach(DeadlineRunSql.class).running(deadlineId, dufNumber, DeadlineState.RUNNING));
    }

    /** The highest run id so far (0 if none): a watch tick looks no further, so rounds it starts wait for the next tick. */
    public long lastId(Transaction tx) {
        return tx.attach(DeadlineRunSql.class).lastId();
    }

    /** Ids of running deadlines after {@code afterId} up to {@code upTo}, in id order, for the watch to page through. */
    public List<Long> runningIds(Transaction tx, long afterId, long upTo, int max) {
        return tx.attach(DeadlineRunSql.class).runningIds(DeadlineState.RUNNING, afterId, upTo, max);
    }

    /** The run, if it is still running and no other instance holds it: locked until the transaction ends. */
    public Optional<DeadlineRun> lockRunning(Transaction tx, long id) {
        return tx.attach(DeadlineRunSql.class).lockRunning(id, DeadlineState.RUNNING).map(DeadlineRuns::run);
    }

    /**
     * The notices of the watched duties that count for the run: of its event (per event), of its
     * case (per case) or to an office of its region (per region). The first round counts the
     * starting event's own notices and those created since it started; a later round, which starts
     * when the last one closed, only those created after that, so the notice that closed the last
     * round never closes the next.
     */
    public List<WatchedNotice> watched(Transaction tx, Deadline d, DeadlineRun run, List<String> regionOffices) {
        DeadlineRunSql sql = tx.attach(DeadlineRunSql.class);
        List<String> duties = d.watches();
        OffsetDateTime since = at(run.startedAt());
        boolean first = run.round() == 1;
        List<DeadlineRunSql.WatchedRow> rows = switch (d.per()) {
            case EVENT -> first ? sql.watchedOfEventFirstRound(duties, run.eventKey(), since)
                    : sql.watchedOfEventLaterRound(duties, run.eventKey(), since);
            case CASE -> first ? sql.watchedOfCaseFirstRound(duties, run.dufNumber(), run.eventKey(), since)
                    : sql.watchedOfCaseLaterRound(duties, run.dufNumber(), since);
            // A region without offices has no notices that count.
            case UDI_REGION -> regionOffices.isEmpty() ? List.of()
                    : first ? sql.watchedOfOfficesFirstRound(duties, regionOffices, run.eventKey(), since)
                    : sql.watchedOfOfficesLaterRound(duties, regionOffices, since);
        };
        return rows.stream().map(r -> new WatchedNotice(r.noticeId(), r.duty(), r.officeId(), r.status(), instant(r.deliveredAt())))
                .toList();
    }

    public void atRiskAlerted(Transaction tx, long id, Instant now) {
        tx.attach(DeadlineRunSql.class).atRiskAlerted(id, at(now));
    }

    public void met(Transaction tx, long id, Instant at, String closedBy) {
        tx.attach(DeadlineRunSql.class).met(id, DeadlineState.MET, at(at), closedBy);
    }

    /** Marks the breach; {@code metLateAt} (nullable) is when it was met after all. */
    public void breached(Transaction tx, long id, Instant now, Instant metLateAt, String closedBy) {
        tx.attach(DeadlineRunSql.class).breached(id, DeadlineState.BREACHED, at(now), at(metLateAt), metLateAt == null ? null : closedBy);
    }

    /** Records the closing event on a run; the watch (or the caller) then decides met or breached. */
    public void closedBy(Transaction tx, long id, Instant at, String eventKey) {
        tx.attach(DeadlineRunSql.class).closedBy(id, at(at), eventKey);
    }

    public void end(Transaction tx, long id, Instant at, String eventKey) {
        tx.attach(DeadlineRunSql.class).end(id, DeadlineState.ENDED, at(at), eventKey);
    }

    /** The runs started by one event, oldest first: for the journal. */
    public List<DeadlineRun> forEvent(Transaction tx, String eventKey) {
        return runs(tx.attach(DeadlineRunSql.class).forEvent(eventKey));
    }

    /** Runs in the given states, the soonest due first: for the ops API. */
    public List<DeadlineRun> list(Transaction tx, List<DeadlineState> states, int limit) {
        if (states.isEmpty()) return List.of();
        return runs(tx.attach(DeadlineRunSql.class).inStates(states, limit));
    }

    /** The starting event's payload (JSON), to compare with a closing event. */
    public String payload(Transaction tx, String eventKey) {
        return tx.attach(DeadlineRunSql.class).payload(eventKey)
                .orElseThrow(() -> new IllegalStateException("a deadline run names a stored event"));
    }

    private static List<DeadlineRun> runs(List<DeadlineRunSql.RunRow> rows) {
        return rows.stream().map(DeadlineRuns::run).toList();
    }

    private static DeadlineRun run(DeadlineRunSql.RunRow r) {
        return new DeadlineRun(r.id(), r.deadlineId(), r.eventKey(), r.dufNumber(), r.udiRegion(), r.round(), instant(r.startedAt()),
                instant(r.dueAt()), instant(r.atRiskAt()), r.status(), instant(r.atRiskAlertedAt()), instant(r.breachedAt()),
                instant(r.closedAt()), r.closedBy());
    }

    private static OffsetDateTime at(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

package no.budstikke.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The deadlines ops should look at: those running (at risk once their at-risk time has passed,
 * overdue once their due time has, before the watch marks them breached) and those breached and not
 * met since. A run is named by its deadline, starting event and region, never by its case.
 */
public final class DeadlineOverview {

    public static final int MAX_ROWS = 200;

    private final Transactions transactions;
    private final Clock clock;

    public DeadlineOverview(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Where a run stands now. */
    public enum Standing { RUNNING, AT_RISK, BREACHED }

    /** @param breachedAt when the hub marked the breach; null while running, also when already overdue */
    public record Run(long id, String deadlineId, String eventKey, String udiRegion, int round, OffsetDateTime startedAt,
                      OffsetDateTime atRiskAt, OffsetDateTime dueAt, Standing standing, OffsetDateTime breachedAt) {
    }

    /**
     * @param runs     the running ones, soonest due first, then the breached ones, latest due first; at most
     *                 {@code limit} of each
     * @param running  running runs neither at risk nor overdue
     * @param atRisk   running runs past their at-risk time, not yet due
     * @param breached breached runs not met since, overdue running ones included
     */
    public record Overview(List<Run> runs, long running, long atRisk, long breached) {
    }

    /** Up to {@code limit} (1 to {@value #MAX_ROWS}) running and as many breached runs, with the counts of all. */
    public Overview overview(int limit) {
        if (limit < 1 || limit > MAX_ROWS) throw new IllegalArgumentException("the number of runs must be 1 to " + MAX_ROWS);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions.read(tx -> {
            DeadlineOverviewSql sql = tx.attach(DeadlineOverviewSql.class);
            List<Run> runs = new ArrayList<>();
            for (DeadlineOverviewSql.Row r : sql.running(DeadlineState.RUNNING, limit)) runs.add(run(r, standing(r, now)));
            for (DeadlineOverviewSql.Row r : sql.breached(DeadlineState.BREACHED, limit)) runs.add(run(r, Standing.BREACHED));
            DeadlineOverviewSql.Counts c = sql.runningCounts(DeadlineState.RUNNING, now);
            return new Overview(List.copyOf(runs), c.running() - c.atRisk() - c.overdue(), c.atRisk(),
                    c.overdue() + sql.breachedCount(DeadlineState.BREACHED));
        });
    }

    private static Standing standing(DeadlineOverviewSql.Row r, OffsetDateTime now) {
        if (!r.dueAt().isAfter(now)) return Standing.BREACHED;
        return r.atRiskAt().isAfter(now) ? Standing.RUNNING : Standing.AT_RISK;
    }

    private static Run run(DeadlineOverviewSql.Row r, Standing s) {
        return new Run(r.id(), r.deadlineId(), r.eventKey(), r.udiRegion(), r.round(), r.startedAt(), r.atRiskAt(), r.dueAt(), s,
                r.breachedAt());
    }
}

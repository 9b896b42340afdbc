package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The statements of {@link DeadlineOverview}: reads only, never the case (duf_number). */
@RegisterConstructorMapper(DeadlineOverviewSql.Row.class)
interface DeadlineOverviewSql {

    record Row(long id, String deadlineId, String eventKey, String udiRegion, int round, OffsetDateTime startedAt,
               OffsetDateTime atRiskAt, OffsetDateTime dueAt, DeadlineState status, OffsetDateTime breachedAt) {
    }

    String COLUMNS = "SELECT id, deadline_id, event_key, udi_region, round, started_at, at_risk_at, due_at, status, breached_at FROM deadline_run";

    /** Running runs, the soonest due first; found through ix_deadline_run_status (status, id). */
    @SqlQuery(COLUMNS + " WHERE status = :running ORDER BY due_at, id LIMIT :limit")
    List<Row> running(DeadlineState running, int limit);

    /** Breached runs not met since, the latest due first: those ops can still act on. */
    @SqlQuery(COLUMNS + " WHERE status = :breached AND closed_at IS NULL ORDER BY due_at DESC, id DESC LIMIT :limit")
    List<Row> breached(DeadlineState breached, int limit);

    /** Running, at risk (at-risk time passed) and overdue (due time passed) runs. */
    record Counts(long running, long atRisk, long overdue) {
    }

    @SqlQuery("""
            SELECT COUNT(*) AS running,
                   COALESCE(SUM(CASE WHEN at_risk_at <= :now AND due_at > :now THEN 1 ELSE 0 END), 0) AS at_risk,
                   COALESCE(SUM(CASE WHEN due_at <= :now THEN 1 ELSE 0 END), 0) AS overdue
            FROM deadline_run WHERE status = :running""")
    @RegisterConstructorMapper(Counts.class)
    Counts runningCounts(DeadlineState running, OffsetDateTime now);

    @SqlQuery("SELECT COUNT(*) FROM deadline_run WHERE status = :breached AND closed_at IS NULL")
    long breachedCount(DeadlineState breached);
}

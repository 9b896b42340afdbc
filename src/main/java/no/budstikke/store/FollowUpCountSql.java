package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The statements of {@link FollowUpCounts}: counts only. */
interface FollowUpCountSql {

    /** How many rows share one value (an alert kind, a deadline id). */
    record Tally(String name, long total) {
    }

    record TaskCounts(long openTasks, long overdueTasks) {
    }

    @SqlQuery("SELECT kind AS name, COUNT(*) AS total FROM alert WHERE acknowledged_at IS NULL GROUP BY kind")
    @RegisterConstructorMapper(Tally.class)
    List<Tally> openAlerts();

    @SqlQuery("""
            SELECT COUNT(*) AS open_tasks, COALESCE(SUM(CASE WHEN due_at <= :now THEN 1 ELSE 0 END), 0) AS overdue_tasks
            FROM notice WHERE channel = 'TASK' AND status = :open""")
    @RegisterConstructorMapper(TaskCounts.class)
    TaskCounts tasks(NoticeStatus open, OffsetDateTime now);

    @SqlQuery("SELECT deadline_id AS name, COUNT(*) AS total FROM deadline_run WHERE status = :running GROUP BY deadline_id")
    @RegisterConstructorMapper(Tally.class)
    List<Tally> runningDeadlines(DeadlineState running);

    @SqlQuery("""
            SELECT deadline_id AS name, COUNT(*) AS total FROM deadline_run WHERE status = :running AND at_risk_at <= :now
            GROUP BY deadline_id""")
    @RegisterConstructorMapper(Tally.class)
    List<Tally> deadlinesAtRisk(DeadlineState running, OffsetDateTime now);
}

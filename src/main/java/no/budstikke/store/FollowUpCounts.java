package no.budstikke.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How much follow-up is waiting: open alerts by kind, open and overdue tasks, running deadlines. Counts only. */
public final class FollowUpCounts {

    private final Transactions transactions;
    private final Clock clock;

    public FollowUpCounts(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param alertsOpen       unacknowledged alerts by kind
     * @param deadlinesRunning running deadlines by id (D1…)
     * @param deadlinesAtRisk  running deadlines past their at-risk point, by id
     */
    public record Counts(Map<String, Long> alertsOpen, long tasksOpen, long tasksOverdue,
                         Map<String, Long> deadlinesRunning, Map<String, Long> deadlinesAtRisk) {
    }

    public Counts read() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions.read(tx -> {
            FollowUpCountSql sql = tx.attach(FollowUpCountSql.class);
            FollowUpCountSql.TaskCounts tasks = sql.tasks(TaskState.OPEN.stored(), now);
            return new Counts(grouped(sql.openAlerts()), tasks.openTasks(), tasks.overdueTasks(),
                    grouped(sql.runningDeadlines(DeadlineState.RUNNING)), grouped(sql.deadlinesAtRisk(DeadlineState.RUNNING, now)));
        });
    }

    private static Map<String, Long> grouped(List<FollowUpCountSql.Tally> tallies) {
        Map<String, Long> out = new TreeMap<>();
        tallies.forEach(t -> out.put(t.name(), t.total()));
        return out;
    }
}

package no.budstikke.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
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
        return transactions.read(c -> {
            Map<String, Long> alerts = grouped(c.connection().prepareStatement(
                    "SELECT kind, COUNT(*) FROM alert WHERE acknowledged_at IS NULL GROUP BY kind"));
            long open;
            long overdue;
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_at <= ? THEN 1 ELSE 0 END), 0)
                    FROM notice WHERE channel = 'TASK' AND status = 'CREATED'""")) {
                ps.setObject(1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    open = rs.getLong(1);
                    overdue = rs.getLong(2);
                }
            }
            Map<String, Long> running = grouped(c.connection().prepareStatement(
                    "SELECT deadline_id, COUNT(*) FROM deadline_run WHERE status = 'RUNNING' GROUP BY deadline_id"));
            PreparedStatement risk = c.connection().prepareStatement(
                    "SELECT deadline_id, COUNT(*) FROM deadline_run WHERE status = 'RUNNING' AND at_risk_at <= ? GROUP BY deadline_id");
            risk.setObject(1, now);
            return new Counts(alerts, open, overdue, running, grouped(risk));
        });
    }

    private static Map<String, Long> grouped(PreparedStatement ps) throws java.sql.SQLException {
        try (ps; ResultSet rs = ps.executeQuery()) {
            Map<String, Long> out = new TreeMap<>();
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            return out;
        }
    }
}

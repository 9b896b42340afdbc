package no.budstikke.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import no.budstikke.model.Deadline;
import no.budstikke.model.DeadlineClock;
import no.budstikke.model.WatchedNotice;

/**
 * The {@code deadline_run} table: each deadline as it runs per event, case or region, and the
 * notices it watches. Every method works in the caller's transaction.
 */
public final class DeadlineRuns {

    private static final String COLUMNS = """
            id, deadline_id, event_key, duf_number, udi_region, round, started_at, due_at, at_risk_at, status,
            at_risk_alerted_at, breached_at, closed_at, closed_by""";

    /**
     * Inserts a running deadline unless one with the same open key runs already (another start event
     * of the same case or region, or another instance that got there first). Returns its id if new.
     */
    public Optional<Long> start(Transaction c, String openKey, String deadlineId, String eventKey, String dufNumber,
                                String udiRegion, int round, DeadlineClock.Times times, Instant now) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("""
                INSERT INTO deadline_run (deadline_id, event_key, duf_number, udi_region, round, started_at, due_at, at_risk_at,
                                          status, open_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, deadlineId);
            ps.setString(2, eventKey);
            ps.setString(3, dufNumber);
            ps.setString(4, udiRegion);
            ps.setInt(5, round);
            ps.setObject(6, at(times.start()));
            ps.setObject(7, at(times.dueAt()));
            ps.setObject(8, at(times.atRiskAt()));
            ps.setString(9, openKey);
            ps.setObject(10, at(now));
            if (ps.executeUpdate() == 0) return Optional.empty();
        }
        try (PreparedStatement ps = c.connection().prepareStatement("SELECT id FROM deadline_run WHERE open_key = ?")) {
            ps.setString(1, openKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.of(rs.getLong(1));
            }
        }
    }

    /** The case's runs of a deadline that a closing event can still close: running, or breached and never met; locked. */
    public List<DeadlineRun> closable(Transaction c, String deadlineId, String dufNumber) throws SQLException {
        return rows(c, "SELECT " + COLUMNS + " FROM deadline_run WHERE deadline_id = ? AND duf_number = ?"
                + " AND (status = 'RUNNING' OR (status = 'BREACHED' AND closed_at IS NULL)) ORDER BY id FOR UPDATE", deadlineId, dufNumber);
    }

    /** The case's running runs of a deadline; locked. */
    public List<DeadlineRun> running(Transaction c, String deadlineId, String dufNumber) throws SQLException {
        return rows(c, "SELECT " + COLUMNS + " FROM deadline_run WHERE deadline_id = ? AND duf_number = ? AND status = 'RUNNING'"
                + " ORDER BY id FOR UPDATE", deadlineId, dufNumber);
    }

    /** The highest run id so far (0 if none): a watch tick looks no further, so rounds it starts wait for the next tick. */
    public long lastId(Transaction c) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("SELECT COALESCE(MAX(id), 0) FROM deadline_run");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Ids of running deadlines after {@code afterId} up to {@code upTo}, in id order, for the watch to page through. */
    public List<Long> runningIds(Transaction c, long afterId, long upTo, int max) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(
                "SELECT id FROM deadline_run WHERE status = 'RUNNING' AND id > ? AND id <= ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterId);
            ps.setLong(2, upTo);
            ps.setInt(3, max);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    /** The run, if it is still running and no other instance holds it: locked until the transaction ends. */
    public Optional<DeadlineRun> lockRunning(Transaction c, long id) throws SQLException {
        List<DeadlineRun> found = rows(c, "SELECT " + COLUMNS + " FROM deadline_run WHERE id = ? AND status = 'RUNNING'"
                + " FOR UPDATE SKIP LOCKED", id);
        return found.stream().findFirst();
    }

    /**
     * The notices of the watched duties that count for the run: of its event (per event), of its
     * case (per case) or to an office of its region (per region). The first round counts the
     * starting event's own notices and those created since it started; a later round, which starts
     * when the last one closed, only those created after that, so the notice that closed the last
     * round never closes the next.
     */
    public List<WatchedNotice> watched(Transaction c, Deadline d, DeadlineRun run, List<String> regionOffices) throws SQLException {
        List<Object> args = new ArrayList<>(d.watches());
        StringBuilder sql = new StringBuilder("SELECT n.notice_id, n.duty, n.office_id, n.status, n.delivered_at FROM notice n");
        String scope = switch (d.per()) {
            case EVENT -> {
                args.add(run.eventKey());
                yield "n.event_key = ?";
            }
            case CASE -> {
                args.add(run.dufNumber());
                yield "n.duf_number = ?";
            }
            case UDI_REGION -> {
                if (regionOffices.isEmpty()) yield "1 = 0";
                args.addAll(regionOffices);
                yield "n.office_id IN (" + String.join(", ", Collections.nCopies(regionOffices.size(), "?")) + ")";
            }
        };
        sql.append(" WHERE n.duty IN (").append(String.join(", ", Collections.nCopies(d.watches().size(), "?"))).append(")")
                .append(" AND ").append(scope)
                .append(run.round() == 1 ? " AND (n.event_key = ? OR n.created_at >= ?)" : " AND n.created_at > ?")
                .append(" ORDER BY n.duty, n.office_id, n.notice_id");
        if (run.round() == 1) args.add(run.eventKey());
        args.add(at(run.startedAt()));
        try (PreparedStatement ps = c.connection().prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            List<WatchedNotice> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WatchedNotice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs.getObject(5, OffsetDateTime.class))));
                }
            }
            return out;
        }
    }

    public void atRiskAlerted(Transaction c, long id, Instant now) throws SQLException {
        update(c, "UPDATE deadline_run SET at_risk_alerted_at = ? WHERE id = ?", at(now), id);
    }

    public void met(Transaction c, long id, Instant at, String closedBy) throws SQLException {
        update(c, "UPDATE deadline_run SET status = 'MET', open_key = NULL, closed_at = ?, closed_by = ? WHERE id = ?",
                at(at), closedBy, id);
    }

    /** Marks the breach; {@code metLateAt} (nullable) is when it was met after all. */
    public void breached(Transaction c, long id, Instant now, Instant metLateAt, String closedBy) throws SQLException {
        update(c, "UPDATE deadline_run SET status = 'BREACHED', open_key = NULL, breached_at = ?, closed_at = ?, closed_by = ?"
                + " WHERE id = ?", at(now), at(metLateAt), metLateAt == null ? null : closedBy, id);
    }

    /** Records the closing event on a run; the watch (or the caller) then decides met or breached. */
    public void closedBy(Transaction c, long id, Instant at, String eventKey) throws SQLException {
        update(c, "UPDATE deadline_run SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL", at(at), eventKey, id);
    }

    public void end(Transaction c, long id, Instant at, String eventKey) throws SQLException {
        update(c, "UPDATE deadline_run SET status = 'ENDED', open_key = NULL, closed_at = ?, closed_by = ? WHERE id = ?",
                at(at), eventKey, id);
    }

    /** The runs started by one event, oldest first: for the journal. */
    public List<DeadlineRun> forEvent(Transaction c, String eventKey) throws SQLException {
        return rows(c, "SELECT " + COLUMNS + " FROM deadline_run WHERE event_key = ? ORDER BY id", eventKey);
    }

    /** Runs in the given statuses, the soonest due first: for the ops API. */
    public List<DeadlineRun> list(Transaction c, List<String> statuses, int limit) throws SQLException {
        List<Object> args = new ArrayList<>(statuses);
        args.add(limit);
        return rows(c, "SELECT " + COLUMNS + " FROM deadline_run WHERE status IN ("
                + String.join(", ", Collections.nCopies(statuses.size(), "?")) + ") ORDER BY due_at, id LIMIT ?", args.toArray());
    }

    /** The starting event's payload (JSON), to compare with a closing event. */
    public String payload(Transaction c, String eventKey) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("SELECT payload FROM inbound_event WHERE event_key = ?")) {
            ps.setString(1, eventKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("a deadline run names a stored event");
                return rs.getString(1);
            }
        }
    }

    private static List<DeadlineRun> rows(Transaction c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<DeadlineRun> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeadlineRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getInt(6), instant(rs.getObject(7, OffsetDateTime.class)), instant(rs.getObject(8, OffsetDateTime.class)),
                            instant(rs.getObject(9, OffsetDateTime.class)), rs.getString(10), instant(rs.getObject(11, OffsetDateTime.class)),
                            instant(rs.getObject(12, OffsetDateTime.class)), instant(rs.getObject(13, OffsetDateTime.class)),
                            rs.getString(14)));
                }
            }
            return out;
        }
    }

    private static void update(Transaction c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        }
    }

    private static OffsetDateTime at(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

package no.budstikke.delivery.task;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.budstikke.store.Transactions;
import no.budstikke.store.NoticeStatus;

/**
 * Notices on channel TASK: duties staff carry out by hand (O23: phone the representative and the
 * lawyer). The outbox never sends them; they stay CREATED until ops acknowledge them
 * ({@link no.budstikke.delivery.Outbox#acknowledge}), which makes them DELIVERED.
 */
public final class Tasks {


    private final Transactions transactions;
    private final Clock clock;

    public Tasks(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * A task as ops see it. {@code officeName} and {@code phone} name the person to call: personal
     * data, shown to ops credentials only and never logged.
     */
    public record Task(String noticeId, String eventKey, String duty, String kind, String priority, String role, String officeId,
                       String officeName, String phone, String status, OffsetDateTime createdAt, OffsetDateTime dueAt,
                       String document, String acknowledgedBy, OffsetDateTime acknowledgedAt) {

        public boolean overdue(OffsetDateTime now) {
            return NoticeStatus.CREATED.name().equals(status) && dueAt != null && !now.isBefore(dueAt);
        }
    }

    /** Open tasks (or all, newest acknowledged too), most urgent and earliest due first. */
    public List<Task> list(boolean all, int limit) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(SELECT + " WHERE n.channel = 'TASK'"
                    + (all ? "" : " AND n.status = '" + NoticeStatus.CREATED.name() + "'")
                    + " ORDER BY n.priority_rank, COALESCE(n.due_at, n.created_at), n.created_at LIMIT ?")) {
                ps.setInt(1, limit);
                return rows(ps);
            }
        });
    }

    public Optional<Task> get(String noticeId) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(SELECT + " WHERE n.channel = 'TASK' AND n.notice_id = ?")) {
                ps.setString(1, noticeId);
                return rows(ps).stream().findFirst();
            }
        });
    }

    /** Open tasks whose due time has come. */
    public List<Task> overdue(int limit) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(SELECT + " WHERE n.channel = 'TASK' AND n.status = '" + NoticeStatus.CREATED.name()
                    + "' AND n.due_at <= ? ORDER BY n.due_at LIMIT ?")) {
                ps.setObject(1, OffsetDateTime.now(clock));
                ps.setInt(2, limit);
                return rows(ps);
            }
        });
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static final String SELECT = """
            SELECT n.notice_id, n.event_key, n.duty, n.kind, n.priority, n.role, n.office_id, n.office_name, n.address, n.status,
                   n.created_at, n.due_at, n.document,
                   (SELECT MAX(a.actor) FROM notice_action a WHERE a.notice_id = n.notice_id AND a.action = 'ACKNOWLEDGE'),
                   (SELECT MAX(a.at) FROM notice_action a WHERE a.notice_id = n.notice_id AND a.action = 'ACKNOWLEDGE')
            FROM notice n""";

    private static List<Task> rows(PreparedStatement ps) throws SQLException {
        List<Task> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Task(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getObject(11, OffsetDateTime.class),
                        rs.getObject(12, OffsetDateTime.class), rs.getString(13), rs.getString(14), rs.getObject(15, OffsetDateTime.class)));
            }
        }
        return out;
    }
}

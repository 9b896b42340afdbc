package no.budstikke.bench.delivery;

import static no.budstikke.bench.BenchSupport.one;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What the benchmark reads from and writes to the notice table directly, and the bench offices. */
final class Notices {

    static final String BACKLOG_OFFICE = "bench-backlog";
    static final String URGENT_OFFICE = "bench-urgent";
    static final String NAIVE_OFFICE = "bench-naive";
    static final List<String> CHANNELS = List.of("HTTP", "SFTP", "MAIL");

    /** A copy of an existing HTTP notice (for its event and document) as a new notice to a bench office. */
    static final String COPY_NOTICE = """
            INSERT INTO notice (notice_id, event_key, duty, is_copy, kind, priority, priority_rank, role, office_id, channel,
                                address, purpose, legal_basis, content, removed_fields, flags, status, created_at,
                                status_changed_at, office_name, document, attempts, next_attempt_at)
            SELECT ?, event_key, duty, is_copy, kind, ?, ?, role, ?, 'HTTP', ?, purpose, legal_basis,
                   content, removed_fields, flags, 'CREATED', ?, ?, office_name, document, 0, ?
            FROM notice WHERE notice_id = ?""";

    private Notices() {
    }

    /** The notices (not phone tasks) of the events whose id starts with {@code eventIdPrefix}, or of one office. */
    static List<Row> rows(DataSource ds, String eventIdPrefix, String officeId) throws SQLException {
        String sql = """
                SELECT n.channel, n.priority, n.status, e.received_at, n.created_at, n.delivered_at
                FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                WHERE n.channel <> 'TASK' AND """ + (eventIdPrefix != null ? " e.event_id LIKE ?" : " n.office_id = ?");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, eventIdPrefix != null ? eventIdPrefix + "%" : officeId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)));
                }
            }
            // For an office's own notices (injected ones) the event's received_at means nothing.
            if (officeId != null) rows.replaceAll(r -> new Row(r.channel(), r.priority(), r.status(), null, r.createdAt(), r.deliveredAt()));
            return rows;
        }
    }

    static void bindCopy(PreparedStatement ps, String id, String priority, int rank, String office, String address,
                                 OffsetDateTime created, String template) throws SQLException {
        ps.setString(1, id);
        ps.setString(2, priority);
        ps.setInt(3, rank);
        ps.setString(4, office);
        ps.setString(5, address);
        ps.setObject(6, created);
        ps.setObject(7, created);
        ps.setObject(8, created);
        ps.setString(9, template);
    }

    static long backlogDone(DataSource ds) throws SQLException {
        return countWhere(ds, "office_id = '" + BACKLOG_OFFICE + "' AND status IN ('DELIVERED', 'DEAD')");
    }

    static long countWhere(DataSource ds, String where) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return Long.parseLong(one(s, "SELECT COUNT(*) FROM notice WHERE " + where));
        }
    }

    static long update(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    static String notDelivered(DataSource ds, String eventIdPrefix) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT n.channel, n.status, n.last_error, COUNT(*) FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                WHERE e.event_id LIKE ? AND n.channel <> 'TASK' AND n.status <> 'DELIVERED'
                GROUP BY n.channel, n.status, n.last_error""")) {
            ps.setString(1, eventIdPrefix + "%");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2) + " (" + rs.getString(3) + ") ×" + rs.getLong(4));
            }
            return out.toString();
        }
    }

    static long pending(List<Row> rows) {
        return rows.stream().filter(r -> !r.status().equals("DELIVERED")).count();
    }

    static long count(List<Row> rows, String channel) {
        return only(rows, channel).size();
    }

    static List<Row> only(List<Row> rows, String channel) {
        return rows.stream().filter(r -> r.channel().equals(channel)).toList();
    }
}

package no.budstikke.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.budstikke.model.Unresolved;

/**
 * The dispatch_gap table: duties whose recipient could not be resolved, open until ops resolve
 * them. Rows name duties, roles, municipality numbers and office ids, never people.
 */
public final class DispatchGaps {

    private final Transactions transactions;
    private final Clock clock;

    public DispatchGaps(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One gap as stored; {@code resolvedAt == null} while it is open. */
    public record Gap(long id, String eventKey, String duty, String role, String reason, String priority, String municipality,
                      String fallbackOfficeId, OffsetDateTime createdAt, String resolvedNoticeId, String resolvedBy,
                      OffsetDateTime resolvedAt) {
        public boolean open() {
            return resolvedAt == null;
        }
    }

    public void insert(Transaction c, String eventKey, Unresolved u) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("""
                INSERT INTO dispatch_gap (event_key, duty, role, reason, created_at, priority, municipality, fallback_office_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, eventKey);
            ps.setString(2, u.duty());
            ps.setString(3, u.role().name());
            ps.setString(4, u.reason());
            ps.setObject(5, OffsetDateTime.now(clock));
            ps.setString(6, u.priority().name());
            ps.setString(7, u.municipality());
            ps.setString(8, u.fallback());
            ps.executeUpdate();
        }
    }

    public int count(String eventKey) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("SELECT COUNT(*) FROM dispatch_gap WHERE event_key = ?")) {
                ps.setString(1, eventKey);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Open gaps oldest first, or every gap newest first when {@code all}. */
    public List<Gap> list(boolean all, int limit) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(SELECT
                    + (all ? " ORDER BY id DESC" : " WHERE resolved_at IS NULL ORDER BY id") + " LIMIT ?")) {
                ps.setInt(1, limit);
                return rows(ps);
            }
        });
    }

    /** The gaps of one event, oldest first: for the journal. */
    public List<Gap> forEvent(Transaction c, String eventKey) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(SELECT + " WHERE event_key = ? ORDER BY id")) {
            ps.setString(1, eventKey);
            return rows(ps);
        }
    }

    /** The gap, locked for the caller's transaction so two replays cannot both resolve it. */
    public Optional<Gap> lock(Transaction c, long id) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(SELECT + " WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            return rows(ps).stream().findFirst();
        }
    }

    public void resolve(Transaction c, long id, String noticeId, String actor) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(
                "UPDATE dispatch_gap SET resolved_notice_id = ?, resolved_by = ?, resolved_at = ? WHERE id = ?")) {
            ps.setString(1, noticeId);
            ps.setString(2, actor);
            ps.setObject(3, OffsetDateTime.now(clock));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    private static final String SELECT = """
            SELECT id, event_key, duty, role, reason, priority, municipality, fallback_office_id, created_at,
                   resolved_notice_id, resolved_by, resolved_at
            FROM dispatch_gap""";

    private static List<Gap> rows(PreparedStatement ps) throws SQLException {
        List<Gap> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Gap(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class),
                        rs.getString(10), rs.getString(11), rs.getObject(12, OffsetDateTime.class)));
            }
        }
        return out;
    }
}

package no.budstikke.bench.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The hub's own outbox statements (store.OutboxSql), run by the naive loop one row and one commit at a time. */
final class OutboxStatements {

    private OutboxStatements() {
    }

    /** One claimed notice, as the naive loop needs it. */
    record Claimed(String id, int attempts, String document) {
    }

    /** The hub's claim (store.OutboxStore.claim): due ids through the queue index, then only those locked. */
    static List<Claimed> claim(Connection c, OffsetDateTime now, int max) throws SQLException {
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement ids = c.prepareStatement(DUE_IDS)) {
            ids.setInt(1, 2 * max);
            ids.setObject(2, now);
            ids.setInt(3, 2 * max);
            ids.setObject(4, now);
            ids.setInt(5, 2 * max);
            ids.setInt(6, 2 * max);
            try (ResultSet rs = ids.executeQuery()) {
                while (rs.next()) candidates.add(rs.getString(1));
            }
        }
        if (candidates.isEmpty()) return List.of();
        String lock = LOCK_DUE.replace("(?)", "(" + String.join(", ", Collections.nCopies(candidates.size(), "?")) + ")");
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(lock)) {
            int i = 1;
            for (String id : candidates) ps.setString(i++, id);
            ps.setObject(i++, now);
            ps.setObject(i++, now);
            ps.setInt(i, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) claimed.add(new Claimed(rs.getString(1), rs.getInt(9), rs.getString(10)));
            }
        }
        return claimed;
    }

    private static final String DUE_IDS = """
            SELECT notice_id FROM (
                (SELECT notice_id, priority_rank, created_at FROM notice
                 WHERE status = 'CREATED' AND channel <> 'TASK'
                 ORDER BY status, priority_rank, created_at, notice_id LIMIT ?)
                UNION ALL
                (SELECT notice_id, priority_rank, created_at FROM notice
                 WHERE status = 'FAILED' AND next_attempt_at <= ? AND channel <> 'TASK'
                 ORDER BY status, priority_rank, created_at, notice_id LIMIT ?)
                UNION ALL
                (SELECT notice_id, priority_rank, created_at FROM notice
                 WHERE status = 'SENDING' AND lease_until < ? AND channel <> 'TASK'
                 ORDER BY status, priority_rank, created_at, notice_id LIMIT ?)
            ) due
            ORDER BY priority_rank, created_at, notice_id
            LIMIT ?""";
    private static final String LOCK_DUE = """
            SELECT notice_id, duty, kind, priority, office_id, office_name, channel, address, attempts, document
            FROM notice
            WHERE notice_id IN (?)
              AND channel <> 'TASK'
              AND ((status IN ('CREATED', 'FAILED') AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until < ?))
            ORDER BY priority_rank, created_at, notice_id
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";
    static final String MARK_SENDING = """
            UPDATE notice SET status = 'SENDING', attempts = ?, lease_until = ?, status_changed_at = ?
            WHERE notice_id = ?""";
    static final String JOURNAL_ATTEMPT = """
            INSERT INTO delivery_attempt (notice_id, attempt, channel, started_at, finished_at, outcome, detail, next_attempt_at)
            SELECT notice_id, attempts, channel, status_changed_at, ?, ?, ?, ?
            FROM notice WHERE notice_id = ? AND status = 'SENDING' AND attempts = ?""";
    static final String MARK_DELIVERED = """
            UPDATE notice SET status = ?, next_attempt_at = ?, lease_until = NULL, last_error = COALESCE(?, last_error),
                              receipt = COALESCE(?, receipt), delivered_at = CASE WHEN ? = 'DELIVERED' THEN ? ELSE delivered_at END,
                              status_changed_at = ?
            WHERE notice_id = ? AND status = 'SENDING' AND attempts = ?""";
}

package no.budstikke.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a shadow run reads of the hub's database: the dispatched events received in a window, a
 * page at a time in intake order, and the notices dispatch stored for them. Only reads.
 */
public final class ShadowReads {

    /** A stored event; {@code payload} holds personal data and stays in memory only. */
    public record StoredEvent(long seq, String key, String type, OffsetDateTime time, String dufNumber, String payload) {
    }

    /** A stored notice, as far as a comparison needs it. {@code content} is the redacted data that went out. */
    public record StoredNotice(String noticeId, String eventKey, String duty, boolean copy, String priority, String officeId,
                               String content) {
    }

    /**
     * Up to {@code limit} events dispatched after intake position {@code afterSeq}, received in
     * [{@code from}, {@code to}), oldest first. Keyset paging: each page costs the same however far the run is.
     */
    public List<StoredEvent> page(Transaction c, long afterSeq, OffsetDateTime from, OffsetDateTime to, int limit) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("""
                SELECT seq, event_key, type, event_time, duf_number, payload FROM inbound_event
                WHERE status = 'DISPATCHED' AND seq > ? AND received_at >= ? AND received_at < ?
                ORDER BY status, seq LIMIT ?""")) {
            // status is one value here, so this is intake order; said as the index (status, seq) reads,
            // H2 reads the page off the index and stops, instead of sorting every later event per page.
            ps.setLong(1, afterSeq);
            ps.setObject(2, from);
            ps.setObject(3, to);
            ps.setInt(4, limit);
            List<StoredEvent> out = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        }
    }

    /**
     * The notices of these events, by event key. By the keys themselves, not a join on the page's
     * intake positions: H2 plans that join as a scan of the whole notice table.
     */
    public Map<String, List<StoredNotice>> notices(Transaction c, java.util.Collection<String> eventKeys) throws SQLException {
        if (eventKeys.isEmpty()) return Map.of();
        String marks = String.join(", ", java.util.Collections.nCopies(eventKeys.size(), "?"));
        try (PreparedStatement ps = c.connection().prepareStatement("SELECT notice_id, event_key, duty, is_copy, priority, office_id, content "
                + "FROM notice WHERE event_key IN (" + marks + ")")) {
            int i = 1;
            for (String key : eventKeys) ps.setString(i++, key);
            Map<String, List<StoredNotice>> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredNotice n = new StoredNotice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5), rs.getString(6), rs.getString(7));
                    out.computeIfAbsent(n.eventKey(), k -> new ArrayList<>()).add(n);
                }
            }
            return out;
        }
    }
}

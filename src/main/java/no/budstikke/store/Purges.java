package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The retention purge's SQL, one small batch per call and one short transaction per batch: rows are
 * picked by their own time and status, so a batch touches only old rows that no intake, dispatch or
 * delivery works on. Each call returns how many rows it blanked or deleted; 0 means nothing is left.
 */
public final class Purges {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A case or an event is quiet when nothing about it is open and nothing changed since the cut-off. */
    private static final String EVENT_FINAL = "('DISPATCHED', 'REJECTED')";
    private static final String NOTICE_FINAL = "('DELIVERED', 'CANCELLED')";

    private static final String QUIET_CASE = """
            f.updated_at < ? AND f.awaiting_settlement_since IS NULL AND (f.eighteen_on IS NULL OR f.eighteen_on < ?)
            AND NOT EXISTS (SELECT 1 FROM inbound_event e WHERE e.duf_number = f.duf_number
                            AND (e.status NOT IN %1$s OR e.status_changed_at >= ?))
            AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.duf_number = f.duf_number
                            AND (n.status NOT IN %2$s OR n.status_changed_at >= ?))
            AND NOT EXISTS (SELECT 1 FROM deadline_run d JOIN inbound_event e ON e.event_key = d.event_key
                            WHERE e.duf_number = f.duf_number AND (d.status = 'RUNNING' OR COALESCE(d.closed_at, d.created_at) >= ?))
            AND NOT EXISTS (SELECT 1 FROM dispatch_gap g JOIN inbound_event e ON e.event_key = g.event_key
                            WHERE e.duf_number = f.duf_number AND (g.resolved_at IS NULL OR g.resolved_at >= ?))"""
            .formatted(EVENT_FINAL, NOTICE_FINAL);

    /** Events that belong to no case file (the hub's own reports, rejected events of unknown persons). */
    private static final String QUIET_LONE_EVENTS = """
            SELECT e.event_key, e.seq FROM inbound_event e
            WHERE e.purged_at IS NULL AND e.status IN %1$s AND e.status_changed_at < ?
              AND (e.duf_number IS NULL OR NOT EXISTS (SELECT 1 FROM case_file f WHERE f.duf_number = e.duf_number))
              AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.event_key = e.event_key
                              AND (n.status NOT IN %2$s OR n.status_changed_at >= ?))
              AND NOT EXISTS (SELECT 1 FROM deadline_run d WHERE d.event_key = e.event_key
                              AND (d.status = 'RUNNING' OR COALESCE(d.closed_at, d.created_at) >= ?))
              AND NOT EXISTS (SELECT 1 FROM dispatch_gap g WHERE g.event_key = e.event_key
                              AND (g.resolved_at IS NULL OR g.resolved_at >= ?))
              AND e.seq > ?
            ORDER BY e.seq LIMIT ?""".formatted(EVENT_FINAL, NOTICE_FINAL);

    private final Transactions transactions;

    public Purges(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Deletes up to {@code limit} rejected inputs received before {@code before}. */
    public int quarantine(Instant before, int limit) {
        return transactions.inTransaction(c -> PersonalData.update(c, """
                DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine WHERE received_at < ? ORDER BY id LIMIT ?)""",
                utc(before), limit));
    }

    /** Blanks the content and document of up to {@code limit} notices delivered or cancelled before {@code before}. */
    public int noticeContents(Instant before, Instant now, int limit) {
        return transactions.inTransaction(c -> PersonalData.update(c, """
                UPDATE notice SET content = '{}', document = '{}', purged_at = ?, purge_reason = ?
                WHERE notice_id IN (SELECT notice_id FROM notice WHERE purged_at IS NULL AND status IN %s
                                    AND status_changed_at < ? ORDER BY status_changed_at LIMIT ?)""".formatted(NOTICE_FINAL),
                utc(now), PersonalData.RETENTION, utc(before), limit));
    }

    /**
     * Up to {@code limit} DUF numbers of cases quiet since before {@code before}, after {@code afterDuf}
     * in DUF order (the caller pages through them).
     */
    public List<String> quietCases(Instant before, LocalDate today, String afterDuf, int limit) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("SELECT f.duf_number FROM case_file f WHERE f.duf_number > ? AND "
                    + QUIET_CASE + " ORDER BY f.duf_number LIMIT ?")) {
                ps.setString(1, afterDuf);
                ps.setInt(bindQuiet(ps, 2, before, today), limit);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    /**
     * Blanks one case if it is still quiet and its memory holds nothing open (no child missing, no
     * leave pending: the memory decides who hears of the return or the decision). The case file is
     * locked first, so a dispatch of the same case waits, and the check is made under the lock.
     */
    public PersonalData.Blanked purgeCase(String dufNumber, Instant before, LocalDate today, Instant now) {
        return transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("SELECT f.state FROM case_file f WHERE f.duf_number = ? AND "
                    + QUIET_CASE + " FOR UPDATE")) {
                ps.setString(1, dufNumber);
                bindQuiet(ps, 2, before, today);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !memoryClosed(rs.getString(1))) return PersonalData.Blanked.NONE;
                }
            }
            return PersonalData.blankCase(c, dufNumber, utc(now), PersonalData.RETENTION);
        });
    }

    /** One page of a scan: rows changed, rows looked at, and where the next page starts. */
    public record Page(long changed, int seen, long last) {
    }

    /** Blanks up to {@code limit} quiet events of no case file, after {@code afterSeq} in intake order. */
    public Page loneEvents(Instant before, Instant now, long afterSeq, int limit) {
        return transactions.inTransaction(c -> {
            List<String> keys = new ArrayList<>();
            long last = afterSeq;
            try (PreparedStatement ps = c.connection().prepareStatement(QUIET_LONE_EVENTS)) {
                ps.setObject(1, utc(before));
                ps.setObject(2, utc(before));
                ps.setObject(3, utc(before));
                ps.setObject(4, utc(before));
                ps.setLong(5, afterSeq);
                ps.setInt(6, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                        last = rs.getLong(2);
                    }
                }
            }
            PersonalData.Blanked b = PersonalData.blankEvents(c, keys, utc(now), PersonalData.RETENTION);
            return new Page(b.events(), keys.size(), last);
        });
    }

    /**
     * Deletes the journal of up to {@code limit} events received before {@code before} whose payload
     * is gone already: attempts, ops actions, notices, unresolved recipients, deadlines and alerts.
     */
    public int journal(Instant before, int limit) {
        return transactions.inTransaction(c -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    SELECT e.event_key FROM inbound_event e WHERE e.received_at < ? AND e.purged_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM case_file f WHERE f.last_event_key = e.event_key)
                      AND NOT EXISTS (SELECT 1 FROM case_agreement a WHERE a.event_key = e.event_key)
                      AND NOT EXISTS (SELECT 1 FROM deadline_run d WHERE d.event_key = e.event_key AND d.status = 'RUNNING')
                    ORDER BY e.seq LIMIT ?""")) {
                ps.setObject(1, utc(before));
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) keys.add(rs.getString(1));
                }
            }
            if (keys.isEmpty()) return 0;
            String in = "(" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")";
            Object[] k = keys.toArray();
            String notices = "(SELECT notice_id FROM notice WHERE event_key IN " + in + ")";
            PersonalData.update(c, "DELETE FROM delivery_attempt WHERE notice_id IN " + notices, k);
            PersonalData.update(c, "DELETE FROM notice_action WHERE notice_id IN " + notices, k);
            PersonalData.update(c, "DELETE FROM alert WHERE event_key IN " + in, k);
            PersonalData.update(c, "DELETE FROM deadline_run WHERE event_key IN " + in, k);
            PersonalData.update(c, "DELETE FROM dispatch_gap WHERE event_key IN " + in, k);
            PersonalData.update(c, "DELETE FROM notice WHERE event_key IN " + in, k);
            return PersonalData.update(c, "DELETE FROM inbound_event WHERE event_key IN " + in, k);
        });
    }

    /** Deletes purge and erasure records older than the journal. */
    public int retentionLog(Instant before, int limit) {
        return transactions.inTransaction(c -> PersonalData.update(c, """
                DELETE FROM retention_log WHERE id IN (SELECT id FROM retention_log WHERE at < ? ORDER BY id LIMIT ?)""",
                utc(before), limit));
    }

    private static int bindQuiet(PreparedStatement ps, int from, Instant before, LocalDate today) throws SQLException {
        OffsetDateTime cut = utc(before);
        int i = from;
        ps.setObject(i++, cut);
        ps.setDate(i++, Date.valueOf(today));
        ps.setObject(i++, cut);
        ps.setObject(i++, cut);
        ps.setObject(i++, cut);
        ps.setObject(i++, cut);
        return i;
    }

    /** Whether the case memory holds nothing still open: no child missing, no leave pending. */
    private static boolean memoryClosed(String state) {
        try {
            JsonNode file = JSON.readTree(state);
            return file.path("openEpisodes").isEmpty() && file.path("pendingLeaves").isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException("case files are JSON written by the hub", e);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}

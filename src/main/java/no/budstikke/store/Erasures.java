package no.budstikke.store;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The erasure of one person's data (by DUF number), in three steps of their own transactions: the
 * case itself, the places other records quote the DUF number, and the quarantine. The DUF number
 * is a parameter of every statement and is never written anywhere.
 */
public final class Erasures {

    /** Events erased stop here: dispatch takes only RECEIVED and RELEASED events. */

    /** What erasing the case did: its events' keys (opaque, for the journal) and counts per kind of row. */
    public record CaseErased(List<String> eventKeys, Map<String, Long> counts) {
    }

    private final Transactions transactions;

    public Erasures(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Stops everything still open about the person (pending notices and tasks are cancelled in the
     * actor's name, running deadlines end, unresolved recipients are closed, undispatched events
     * stop) and blanks the case. One transaction, with the case file locked against dispatch.
     */
    public CaseErased eraseCase(String dufNumber, String actor, Instant at) {
        OffsetDateTime now = at.atOffset(ZoneOffset.UTC);
        return transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("SELECT duf_number FROM case_file WHERE duf_number = ? FOR UPDATE")) {
                ps.setString(1, dufNumber);
                ps.executeQuery().close();
            }
            List<String> keys = new ArrayList<>();
            try (PreparedStatement ps = c.connection().prepareStatement("SELECT event_key FROM inbound_event WHERE duf_number = ? ORDER BY seq")) {
                ps.setString(1, dufNumber);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) keys.add(rs.getString(1));
                }
            }
            String ofCase = "(duf_number = ? OR event_key IN (SELECT event_key FROM inbound_event WHERE duf_number = ?))";
            // Open tasks are CREATED. A notice being sent (SENDING) is left to finish: its outcome is recorded as it happens.
            String open = "status IN ('CREATED', 'FAILED', 'DEAD')";
            PersonalData.update(c, """
                    INSERT INTO notice_action (notice_id, action, actor, at)
                    SELECT notice_id, 'CANCEL', ?, ? FROM notice WHERE\s""" + open + " AND " + ofCase, actor, now, dufNumber, dufNumber);
            long cancelled = PersonalData.update(c, "UPDATE notice SET status = 'CANCELLED', status_changed_at = ?, next_attempt_at = NULL"
                    + " WHERE " + open + " AND " + ofCase, now, dufNumber, dufNumber);
            long ended = PersonalData.update(c, """
                    UPDATE deadline_run SET status = 'ENDED', closed_at = ?, closed_by = 'erasure', open_key = NULL
                    WHERE status = 'RUNNING' AND\s""" + ofCase, now, dufNumber, dufNumber);
            long gaps = PersonalData.update(c, """
                    UPDATE dispatch_gap SET resolved_at = ?, resolved_by = ?
                    WHERE resolved_at IS NULL AND event_key IN (SELECT event_key FROM inbound_event WHERE duf_number = ?)""",
                    now, actor, dufNumber);
            long stopped = PersonalData.update(c, """
                    UPDATE inbound_event SET status = ?, status_changed_at = ?
                    WHERE duf_number = ? AND status NOT IN ('DISPATCHED', 'REJECTED')""", EventState.ERASED.name(), now, dufNumber);
            PersonalData.Blanked b = PersonalData.blankCase(c, dufNumber, now, PersonalData.ERASURE);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("events", (long) b.events());
            counts.put("eventsStopped", stopped);
            counts.put("notices", (long) b.notices());
            counts.put("noticesCancelled", cancelled);
            counts.put("deadlinesEnded", ended);
            counts.put("deadlines", (long) b.deadlines());
            counts.put("gapsClosed", gaps);
            counts.put("caseFiles", (long) b.caseFiles());
            return new CaseErased(List.copyOf(keys), counts);
        });
    }

    /**
     * Where another record quotes the DUF number: a notice already delivered, cancelled or dead (a
     * report listing many residents, say) loses its content and document, as the purge would take
     * them; a notice still to be sent, another case's event and case file lose the DUF number only,
     * so that the rest still goes and still replays.
     */
    public Map<String, Long> mentions(String dufNumber, Instant at) {
        OffsetDateTime now = at.atOffset(ZoneOffset.UTC);
        return transactions.inTransaction(c -> {
            String like = "%" + dufNumber + "%"; // twelve digits: no LIKE wildcards in it
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("noticesQuotingBlanked", (long) PersonalData.update(c, """
                    UPDATE notice SET content = '{}', document = '{}', purged_at = COALESCE(purged_at, ?), purge_reason = ?
                    WHERE status IN ('DELIVERED', 'CANCELLED', 'DEAD') AND (content LIKE ? OR document LIKE ?)""",
                    now, PersonalData.ERASURE, like, like));
            counts.put("noticesQuotingPending", (long) PersonalData.update(c, """
                    UPDATE notice SET content = REPLACE(content, ?, ''), document = REPLACE(document, ?, '')
                    WHERE content LIKE ? OR document LIKE ?""", dufNumber, dufNumber, like, like));
            counts.put("eventsQuoting", (long) PersonalData.update(c,
                    "UPDATE inbound_event SET payload = REPLACE(payload, ?, '') WHERE payload LIKE ?", dufNumber, like));
            counts.put("caseFilesQuoting", (long) PersonalData.update(c,
                    "UPDATE case_file SET state = REPLACE(state, ?, '') WHERE state LIKE ?", dufNumber, like));
            return counts;
        });
    }

    /**
     * Deletes, from up to {@code limit} rejected inputs after {@code afterId}, those whose raw bytes,
     * origin or violations hold the DUF number.
     */
    public Purges.Page quarantine(String dufNumber, long afterId, int limit) {
        byte[] needle = dufNumber.getBytes(StandardCharsets.UTF_8);
        return transactions.inTransaction(c -> {
            List<Long> hits = new ArrayList<>();
            long last = afterId;
            int seen = 0;
            try (PreparedStatement ps = c.connection().prepareStatement(
                    "SELECT id, origin, violations, raw_bytes FROM quarantine WHERE id > ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, afterId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen++;
                        last = rs.getLong(1);
                        if (rs.getString(2).contains(dufNumber) || rs.getString(3).contains(dufNumber)
                                || contains(rs.getBytes(4), needle)) {
                            hits.add(last);
                        }
                    }
                }
            }
            long deleted = hits.isEmpty() ? 0 : PersonalData.update(c, "DELETE FROM quarantine WHERE id IN ("
                    + String.join(", ", Collections.nCopies(hits.size(), "?")) + ")", hits.toArray());
            return new Purges.Page(deleted, seen, last);
        });
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) continue outer;
            }
            return true;
        }
        return false;
    }
}

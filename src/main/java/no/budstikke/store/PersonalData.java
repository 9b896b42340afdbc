package no.budstikke.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;

/**
 * Blanks the personal data of a case, or of single events, in place and in the caller's
 * transaction: the payloads, the DUF number on events, notices and deadlines, the notices' content
 * and document, contacts' names and addresses, and the case file. What the journal needs (which
 * notice went to which office, when, under which legal basis, the attempts) stays.
 *
 * <p>A blanked payload, content or document is {@code {}}, so the journal still reads it as JSON.
 */
public final class PersonalData {

    public static final String RETENTION = "RETENTION";
    public static final String ERASURE = "ERASURE";

    /** Contacts (a representative, a lawyer) are persons: their name and address go with the case. */
    private static final String CONTACT_NOTICE_BLANKS = """
            content = '{}', document = '{}',
            address = CASE WHEN office_id LIKE 'contact:%' THEN '' ELSE address END,
            office_name = CASE WHEN office_id LIKE 'contact:%' THEN '' ELSE office_name END,
            duf_number = NULL, purged_at = COALESCE(purged_at, ?), purge_reason = ?""";

    /** What blanking one case or a set of events touched, in rows. */
    public record Blanked(int events, int notices, int deadlines, int caseFiles) {

        public static final Blanked NONE = new Blanked(0, 0, 0, 0);

        public Blanked plus(Blanked o) {
            return new Blanked(events + o.events, notices + o.notices, deadlines + o.deadlines, caseFiles + o.caseFiles);
        }
    }

    private PersonalData() {
    }

    /** Blanks every event, notice and deadline of the case and deletes its case file. */
    public static Blanked blankCase(Transaction c, String dufNumber, OffsetDateTime now, String reason) throws SQLException {
        int notices = update(c, "UPDATE notice SET " + CONTACT_NOTICE_BLANKS
                + " WHERE event_key IN (SELECT event_key FROM inbound_event WHERE duf_number = ?)", now, reason, dufNumber);
        // Notices carry the DUF number themselves too (V9), and may belong to events of no case.
        notices += update(c, "UPDATE notice SET " + CONTACT_NOTICE_BLANKS + " WHERE duf_number = ?", now, reason, dufNumber);
        int deadlines = update(c, "UPDATE deadline_run SET duf_number = NULL WHERE duf_number = ?", dufNumber);
        deadlines += update(c, """
                UPDATE deadline_run SET duf_number = NULL
                WHERE duf_number IS NOT NULL AND event_key IN (SELECT event_key FROM inbound_event WHERE duf_number = ?)""", dufNumber);
        int events = update(c, """
                UPDATE inbound_event SET payload = '{}', duf_number = NULL, purged_at = COALESCE(purged_at, ?), purge_reason = ?
                WHERE duf_number = ?""", now, reason, dufNumber);
        update(c, "DELETE FROM case_agreement WHERE duf_number = ?", dufNumber);
        int caseFiles = update(c, "DELETE FROM case_file WHERE duf_number = ?", dufNumber);
        return new Blanked(events, notices, deadlines, caseFiles);
    }

    /** Blanks the given events (of no case file) and their notices and deadlines. */
    public static Blanked blankEvents(Transaction c, List<String> eventKeys, OffsetDateTime now, String reason) throws SQLException {
        if (eventKeys.isEmpty()) return Blanked.NONE;
        String in = "(" + String.join(", ", Collections.nCopies(eventKeys.size(), "?")) + ")";
        Object[] keys = eventKeys.toArray();
        int notices = update(c, "UPDATE notice SET " + CONTACT_NOTICE_BLANKS + " WHERE event_key IN " + in,
                concat(new Object[] {now, reason}, keys));
        int deadlines = update(c, "UPDATE deadline_run SET duf_number = NULL WHERE duf_number IS NOT NULL AND event_key IN " + in, keys);
        int events = update(c, "UPDATE inbound_event SET payload = '{}', duf_number = NULL, purged_at = COALESCE(purged_at, ?), "
                + "purge_reason = ? WHERE event_key IN " + in, concat(new Object[] {now, reason}, keys));
        return new Blanked(events, notices, deadlines, 0);
    }

    static int update(Transaction c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            return ps.executeUpdate();
        }
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package no.budstikke.store;

import java.time.OffsetDateTime;
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
    public static Blanked blankCase(Transaction tx, String dufNumber, OffsetDateTime now, String reason) {
        PersonalDataSql sql = tx.attach(PersonalDataSql.class);
        int notices = sql.blankNoticesOfCaseEvents(dufNumber, now, reason) + sql.blankNoticesQuotingCase(dufNumber, now, reason);
        int deadlines = sql.blankDeadlinesOfCase(dufNumber) + sql.blankDeadlinesOfCaseEvents(dufNumber);
        int events = sql.blankEventsOfCase(dufNumber, now, reason);
        sql.deleteAgreements(dufNumber);
        int caseFiles = sql.deleteCaseFile(dufNumber);
        return new Blanked(events, notices, deadlines, caseFiles);
    }

    /** Blanks the given events (of no case file) and their notices and deadlines. */
    public static Blanked blankEvents(Transaction tx, List<String> eventKeys, OffsetDateTime now, String reason) {
        if (eventKeys.isEmpty()) return Blanked.NONE;
        PersonalDataSql sql = tx.attach(PersonalDataSql.class);
        int notices = sql.blankNoticesOf(eventKeys, now, reason);
        int deadlines = sql.blankDeadlinesOf(eventKeys);
        int events = sql.blankEvents(eventKeys, now, reason);
        return new Blanked(events, notices, deadlines, 0);
    }
}

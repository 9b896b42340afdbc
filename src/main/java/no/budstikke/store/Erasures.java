package no.budstikke.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The erasure of one person's data (by DUF number), in three steps of their own transactions: the
 * case itself, the places other records quote the DUF number, and the quarantine. The DUF number
 * is a parameter of every statement and is never written anywhere.
 */
public final class Erasures {

    /**
     * Open notices and tasks are cancelled. A notice being sent (SENDING) is left to finish: its
     * outcome is recorded as it happens.
     */
    private static final List<NoticeStatus> OPEN = List.of(NoticeStatus.CREATED, NoticeStatus.FAILED, NoticeStatus.DEAD);
    /** Notices that will not be sent (again): what they quote may go with their content. */
    private static final List<NoticeStatus> SETTLED = List.of(NoticeStatus.DELIVERED, NoticeStatus.CANCELLED, NoticeStatus.DEAD);
    /** Events whose dispatch is over. */
    private static final List<EventState> DONE = List.of(EventState.DISPATCHED, EventState.REJECTED);

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
        return transactions.inTransaction(tx -> {
            ErasureSql sql = tx.attach(ErasureSql.class);
            sql.lockCaseFile(dufNumber);
            List<String> keys = sql.eventKeys(dufNumber);
            sql.recordCancellations(OPEN, actor, now, dufNumber);
            long cancelled = sql.cancelNotices(OPEN, NoticeStatus.CANCELLED, now, dufNumber);
            long ended = sql.endDeadlines(DeadlineState.RUNNING, DeadlineState.ENDED, now, dufNumber);
            long gaps = sql.closeGaps(now, actor, dufNumber);
            // Erased events stop here: dispatch takes only RECEIVED and RELEASED events.
            long stopped = sql.stopEvents(EventState.ERASED, DONE, now, dufNumber);
            PersonalData.Blanked b = PersonalData.blankCase(tx, dufNumber, now, PersonalData.ERASURE);
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
        return transactions.inTransaction(tx -> {
            ErasureSql sql = tx.attach(ErasureSql.class);
            String like = "%" + dufNumber + "%"; // twelve digits: no LIKE wildcards in it
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("noticesQuotingBlanked", (long) sql.blankNoticesQuoting(SETTLED, now, PersonalData.ERASURE, like));
            counts.put("noticesQuotingPending", (long) sql.cutFromNotices(dufNumber, like));
            counts.put("eventsQuoting", (long) sql.cutFromEvents(dufNumber, like));
            counts.put("caseFilesQuoting", (long) sql.cutFromCaseFiles(dufNumber, like));
            return counts;
        });
    }

    /**
     * Deletes, from up to {@code limit} rejected inputs after {@code afterId}, those whose raw bytes,
     * origin or violations hold the DUF number.
     */
    public Purges.Page quarantine(String dufNumber, long afterId, int limit) {
        byte[] needle = dufNumber.getBytes(StandardCharsets.UTF_8);
        return transactions.inTransaction(tx -> {
            ErasureSql sql = tx.attach(ErasureSql.class);
            List<ErasureSql.QuarantinedInput> page = sql.quarantinePage(afterId, limit);
            List<Long> hits = new ArrayList<>();
            for (ErasureSql.QuarantinedInput q : page) {
                if (q.origin().contains(dufNumber) || q.violations().contains(dufNumber) || contains(q.rawBytes(), needle)) {
                    hits.add(q.id());
                }
            }
            long last = page.isEmpty() ? afterId : page.get(page.size() - 1).id();
            long deleted = hits.isEmpty() ? 0 : sql.deleteQuarantined(hits);
            return new Purges.Page(deleted, page.size(), last);
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

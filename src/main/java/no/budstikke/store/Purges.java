package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The retention purge, one small batch per call and one short transaction per batch: rows are
 * picked by their own time and status, so a batch touches only old rows that no intake, dispatch or
 * delivery works on. Each call returns how many rows it blanked or deleted; 0 means nothing is left.
 */
public final class Purges {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A case or an event is quiet when nothing about it is open and nothing changed since the cut-off. */
    private static final List<EventState> EVENTS_SETTLED = List.of(EventState.DISPATCHED, EventState.REJECTED);
    private static final List<NoticeStatus> NOTICES_SETTLED = List.of(NoticeStatus.DELIVERED, NoticeStatus.CANCELLED);

    private final Transactions transactions;

    public Purges(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Deletes up to {@code limit} rejected inputs received before {@code before}. */
    public int quarantine(Instant before, int limit) {
        return transactions.inTransaction(tx -> tx.attach(PurgeSql.class).deleteQuarantine(utc(before), limit));
    }

    /** Blanks the content and document of up to {@code limit} notices delivered or cancelled before {@code before}. */
    public int noticeContents(Instant before, Instant now, int limit) {
        return transactions.inTransaction(tx -> tx.attach(PurgeSql.class)
                .blankNoticeContents(NOTICES_SETTLED, utc(before), utc(now), PersonalData.RETENTION, limit));
    }

    /**
     * Up to {@code limit} DUF numbers of cases quiet since before {@code before}, after {@code afterDuf}
     * in DUF order (the caller pages through them).
     */
    public List<String> quietCases(Instant before, LocalDate today, String afterDuf, int limit) {
        return transactions.read(tx -> tx.attach(PurgeSql.class)
                .quietCases(EVENTS_SETTLED, NOTICES_SETTLED, DeadlineState.RUNNING, utc(before), today, afterDuf, limit));
    }

    /**
     * Blanks one case if it is still quiet and its memory holds nothing open (no child missing, no
     * leave pending: the memory decides who hears of the return or the decision). The case file is
     * locked first, so a dispatch of the same case waits, and the check is made under the lock.
     */
    public PersonalData.Blanked purgeCase(String dufNumber, Instant before, LocalDate today, Instant now) {
        return transactions.inTransaction(tx -> {
            Optional<String> state = tx.attach(PurgeSql.class)
                    .lockQuietCase(EVENTS_SETTLED, NOTICES_SETTLED, DeadlineState.RUNNING, utc(before), today, dufNumber);
            if (state.isEmpty() || !memoryClosed(state.get())) return PersonalData.Blanked.NONE;
            return PersonalData.blankCase(tx, dufNumber, utc(now), PersonalData.RETENTION);
        });
    }

    /** One page of a scan: rows changed, rows looked at, and where the next page starts. */
    public record Page(long changed, int seen, long last) {
    }

    /** Blanks up to {@code limit} quiet events of no case file, after {@code afterSeq} in intake order. */
    public Page loneEvents(Instant before, Instant now, long afterSeq, int limit) {
        return transactions.inTransaction(tx -> {
            List<PurgeSql.LoneEvent> events = tx.attach(PurgeSql.class)
                    .quietLoneEvents(EVENTS_SETTLED, NOTICES_SETTLED, DeadlineState.RUNNING, utc(before), afterSeq, limit);
            List<String> keys = events.stream().map(PurgeSql.LoneEvent::eventKey).toList();
            long last = events.isEmpty() ? afterSeq : events.get(events.size() - 1).seq();
            PersonalData.Blanked b = PersonalData.blankEvents(tx, keys, utc(now), PersonalData.RETENTION);
            return new Page(b.events(), keys.size(), last);
        });
    }

    /**
     * Deletes the journal of up to {@code limit} events received before {@code before} whose payload
     * is gone already: attempts, ops actions, notices, unresolved recipients, deadlines and alerts.
     */
    public int journal(Instant before, int limit) {
        return transactions.inTransaction(tx -> {
            PurgeSql sql = tx.attach(PurgeSql.class);
            List<String> keys = sql.journalDue(DeadlineState.RUNNING, utc(before), limit);
            if (keys.isEmpty()) return 0;
            sql.deleteAttempts(keys);
            sql.deleteActions(keys);
            sql.deleteAlerts(keys);
            sql.deleteDeadlines(keys);
            sql.deleteGaps(keys);
            sql.deleteNotices(keys);
            return sql.deleteEvents(keys);
        });
    }

    /** Deletes purge and erasure records older than the journal. */
    public int retentionLog(Instant before, int limit) {
        return transactions.inTransaction(tx -> tx.attach(PurgeSql.class).deleteRetentionLog(utc(before), limit));
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

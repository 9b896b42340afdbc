package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * What a shadow run reads of the hub's database: the dispatched events received in a window, a
 * page at a time in intake order, and the notices dispatch stored for them. Only reads.
 */
public final class ShadowReads {

    /** A stored event; {@code payload} holds personal data and stays in memory only. */
    public record StoredEvent(long seq, @ColumnName("event_key") String key, String type, @ColumnName("event_time") OffsetDateTime time,
                              String dufNumber, String payload) {
    }

    /** A stored notice, as far as a comparison needs it. {@code content} is the redacted data that went out. */
    public record StoredNotice(String noticeId, String eventKey, String duty, @ColumnName("is_copy") boolean copy, String priority,
                               String officeId, String content) {
    }

    /**
     * Up to {@code limit} events dispatched after intake position {@code afterSeq}, received in
     * [{@code from}, {@code to}), oldest first. Keyset paging: each page costs the same however far the run is.
     */
    public List<StoredEvent> page(Transaction tx, long afterSeq, OffsetDateTime from, OffsetDateTime to, int limit) {
        return tx.attach(ShadowReadSql.class).page(EventState.DISPATCHED, afterSeq, from, to, limit);
    }

    /**
     * The notices of these events, by event key. By the keys themselves, not a join on the page's
     * intake positions: H2 plans that join as a scan of the whole notice table.
     */
    public Map<String, List<StoredNotice>> notices(Transaction tx, Collection<String> eventKeys) {
        if (eventKeys.isEmpty()) return Map.of();
        Map<String, List<StoredNotice>> out = new HashMap<>();
        for (StoredNotice n : tx.attach(ShadowReadSql.class).notices(eventKeys)) {
            out.computeIfAbsent(n.eventKey(), k -> new ArrayList<>()).add(n);
        }
        return out;
    }
}

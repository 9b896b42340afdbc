package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The statements of {@link ShadowReads}: reads only. */
interface ShadowReadSql {

    // status is one value here, so this is intake order; said as the index (status, seq) reads,
    // H2 reads the page off the index and stops, instead of sorting every later event per page.
    @SqlQuery("""
            SELECT seq, event_key, type, event_time, duf_number, payload FROM inbound_event
            WHERE status = :dispatched AND seq > :afterSeq AND received_at >= :from AND received_at < :to
            ORDER BY status, seq LIMIT :limit""")
    @RegisterConstructorMapper(ShadowReads.StoredEvent.class)
    List<ShadowReads.StoredEvent> page(EventState dispatched, long afterSeq, OffsetDateTime from, OffsetDateTime to, int limit);

    @SqlQuery("SELECT notice_id, event_key, duty, is_copy, priority, office_id, content FROM notice WHERE event_key IN (<eventKeys>)")
    @RegisterConstructorMapper(ShadowReads.StoredNotice.class)
    List<ShadowReads.StoredNotice> notices(@BindList("eventKeys") Collection<String> eventKeys);
}

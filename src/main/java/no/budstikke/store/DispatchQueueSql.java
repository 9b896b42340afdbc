package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link DispatchQueue}. */
interface DispatchQueueSql {

    @SqlQuery("SELECT event_key FROM inbound_event WHERE status IN (<dispatchable>) ORDER BY seq LIMIT :max")
    List<String> pending(@BindList("dispatchable") List<EventState> dispatchable, int max);

    /** SKIP LOCKED: an event another instance is dispatching is left to it. */
    @SqlQuery("""
            SELECT payload, duf_number, event_time, status FROM inbound_event
            WHERE event_key = :key AND status IN (<dispatchable>) FOR UPDATE SKIP LOCKED""")
    @RegisterConstructorMapper(DispatchQueue.StoredEvent.class)
    Optional<DispatchQueue.StoredEvent> claim(String key, @BindList("dispatchable") List<EventState> dispatchable);

    /** As {@link #claim}, for a group of events in one statement, in intake order. */
    @SqlQuery("""
            SELECT event_key, payload, duf_number, event_time, status FROM inbound_event
            WHERE event_key IN (<keys>) AND status IN (<dispatchable>) ORDER BY seq FOR UPDATE SKIP LOCKED""")
    @RegisterConstructorMapper(DispatchQueue.ClaimedEvent.class)
    List<DispatchQueue.ClaimedEvent> claimAll(@BindList("keys") List<String> keys, @BindList("dispatchable") List<EventState> dispatchable);

    @SqlQuery("SELECT payload, duf_number, event_time, status FROM inbound_event WHERE event_key = :key")
    @RegisterConstructorMapper(DispatchQueue.StoredEvent.class)
    Optional<DispatchQueue.StoredEvent> event(String key);

    @SqlUpdate("UPDATE inbound_event SET status = :status, status_changed_at = :now WHERE event_key = :key")
    int setStatus(String key, EventState status, OffsetDateTime now);

    @SqlBatch("UPDATE inbound_event SET status = :status, status_changed_at = :now WHERE event_key = :key")
    void setStatuses(List<String> key, EventState status, OffsetDateTime now);
}

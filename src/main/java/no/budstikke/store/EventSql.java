package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link EventStore}. */
interface EventSql {

    /**
     * ON CONFLICT DO NOTHING lets the unique (source, event_id) decide between racing inserts
     * without aborting the surrounding transaction, which holds the rest of a batch. {@code origin}
     * comes cut to its column.
     */
    @SqlUpdate("""
            INSERT INTO inbound_event (event_key, source, event_id, type, event_time, received_at, channel, origin,
                                       duf_number, payload_sha256, payload, status, status_changed_at)
            VALUES (:e.key, :e.source, :e.id, :e.type, :e.time, :now, :e.channel, :origin,
                    :e.dufNumber, :e.payloadSha256, :e.payload, :status, :now)
            ON CONFLICT DO NOTHING""")
    int insert(@BindMethods("e") NewEvent e, String origin, EventState status, OffsetDateTime now);

    @SqlQuery("SELECT payload_sha256 FROM inbound_event WHERE source = :source AND event_id = :id")
    Optional<String> payloadSha256(String source, String id);

    @SqlQuery("""
            SELECT event_key, source, event_id, type, channel, received_at, status, status_changed_at
            FROM inbound_event WHERE event_key = :key""")
    @RegisterConstructorMapper(EventStatus.class)
    Optional<EventStatus> status(String key);

    @SqlQuery("SELECT COUNT(*) FROM inbound_event")
    long count();
}

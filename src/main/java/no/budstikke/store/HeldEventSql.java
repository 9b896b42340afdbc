package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link HeldEvents}. */
interface HeldEventSql {

    @SqlUpdate("UPDATE inbound_event SET status = :held, status_changed_at = :now, held_reason = :reason WHERE event_key = :key")
    int hold(String key, String reason, EventState held, OffsetDateTime now);

    /** Only a held event moves. */
    @SqlUpdate("""
            UPDATE inbound_event SET status = :status, status_changed_at = :now, reviewed_by = :actor
            WHERE event_key = :key AND status = :held""")
    int review(String key, EventState status, String actor, EventState held, OffsetDateTime now);

    @SqlQuery("SELECT status FROM inbound_event WHERE event_key = :key")
    Optional<String> status(String key);
}

package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link AlertStore}. */
@RegisterConstructorMapper(StoredAlert.class)
interface AlertSql {

    /** The envelope fields of a stored event that a notice document names it by. */
    record EventHeader(String source, String eventId, String type, OffsetDateTime eventTime) {
    }

    String SELECT = """
            SELECT a.id, a.kind, COALESCE(n.priority, '') AS priority, a.event_key, a.subject, a.detail, a.raised_at, a.notice_id,
                   a.acknowledged_by, a.acknowledged_at
            FROM alert a LEFT JOIN notice n ON n.notice_id = a.notice_id""";

    /** 1 if new, 0 if an alert with the key was raised before. */
    @SqlUpdate("""
            INSERT INTO alert (alert_key, kind, event_key, subject, detail, raised_at)
            VALUES (:key, :kind, :eventKey, :subject, :detail, :raisedAt)
            ON CONFLICT DO NOTHING""")
    int insert(@BindMethods AlertStore.NewAlert alert);

    @SqlQuery("SELECT id FROM alert WHERE alert_key = :alertKey")
    long idOf(String alertKey);

    @SqlUpdate("UPDATE alert SET notice_id = :noticeId WHERE id = :id")
    int linkNotice(long id, String noticeId);

    @SqlQuery("SELECT source, event_id, type, event_time FROM inbound_event WHERE event_key = :eventKey")
    @RegisterConstructorMapper(EventHeader.class)
    Optional<EventHeader> eventHeader(String eventKey);

    /** Newest first; {@code raised} and {@code acknowledged} say which states to include. */
    @SqlQuery(SELECT + " WHERE (CAST(:raised AS BOOLEAN) AND a.acknowledged_at IS NULL)"
            + " OR (CAST(:acknowledged AS BOOLEAN) AND a.acknowledged_at IS NOT NULL)"
            + " ORDER BY a.raised_at DESC, a.id DESC LIMIT :limit")
    List<StoredAlert> newest(boolean raised, boolean acknowledged, int limit);

    @SqlQuery(SELECT + " WHERE a.id = :id")
    Optional<StoredAlert> byId(long id);

    @SqlQuery(SELECT + " WHERE a.event_key = :eventKey ORDER BY a.id")
    List<StoredAlert> forEvent(String eventKey);

    /** 1 if the alert was raised and is now acknowledged; 0 if there is none or it was acknowledged before. */
    @SqlUpdate("UPDATE alert SET acknowledged_by = :actor, acknowledged_at = :at WHERE id = :id AND acknowledged_at IS NULL")
    int acknowledge(long id, String actor, OffsetDateTime at);

    @SqlUpdate("UPDATE alert SET acknowledged_by = :actor, acknowledged_at = :at WHERE alert_key = :alertKey AND acknowledged_at IS NULL")
    int acknowledgeByKey(String alertKey, String actor, OffsetDateTime at);
}

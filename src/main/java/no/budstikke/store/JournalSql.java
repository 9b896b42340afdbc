package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The statements of {@link Journal}: reads only. */
interface JournalSql {

    record EventRow(String source, String eventId, String type, OffsetDateTime eventTime, OffsetDateTime receivedAt, String channel,
                    EventState status, OffsetDateTime purgedAt, String purgeReason) {
    }

    /** {@code removedFields} and {@code document} are JSON. */
    record NoticeRow(String noticeId, String duty, boolean copy, String kind, String priority, String role, String officeId,
                     String channel, String purpose, String legalBasis, String removedFields, String document, NoticeStatus status,
                     OffsetDateTime createdAt, String configVersion) {
    }

    record AttemptRow(String noticeId, int attempt, String channel, OffsetDateTime startedAt, OffsetDateTime finishedAt, String outcome,
                      String detail, OffsetDateTime nextAttemptAt, String officeId) {
    }

    record ActionRow(String noticeId, String action, String actor, OffsetDateTime at) {
    }

    @SqlQuery("SELECT event_key FROM inbound_event WHERE duf_number = :dufNumber ORDER BY seq")
    List<String> eventKeysOfCase(String dufNumber);

    @SqlQuery("""
            SELECT source, event_id, type, event_time, received_at, channel, status, purged_at, purge_reason
            FROM inbound_event WHERE event_key = :eventKey""")
    @RegisterConstructorMapper(EventRow.class)
    Optional<EventRow> event(String eventKey);

    @SqlQuery("""
            SELECT notice_id, duty, is_copy AS copy, kind, priority, role, office_id, channel, purpose, legal_basis,
                   removed_fields, document, status, created_at, config_version
            FROM notice WHERE event_key = :eventKey ORDER BY priority_rank, duty, office_id""")
    @RegisterConstructorMapper(NoticeRow.class)
    List<NoticeRow> notices(String eventKey);

    @SqlQuery("""
            SELECT a.notice_id, a.attempt, a.channel, a.started_at, a.finished_at, a.outcome, a.detail, a.next_attempt_at, n.office_id
            FROM delivery_attempt a JOIN notice n ON n.notice_id = a.notice_id WHERE n.event_key = :eventKey ORDER BY a.id""")
    @RegisterConstructorMapper(AttemptRow.class)
    List<AttemptRow> attempts(String eventKey);

    @SqlQuery("""
            SELECT a.notice_id, a.action, a.actor, a.at FROM notice_action a JOIN notice n ON n.notice_id = a.notice_id
            WHERE n.event_key = :eventKey ORDER BY a.id""")
    @RegisterConstructorMapper(ActionRow.class)
    List<ActionRow> actions(String eventKey);
}

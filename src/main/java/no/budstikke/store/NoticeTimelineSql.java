package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The statements of {@link NoticeTimeline}: one notice, its attempts and its ops actions, as the journal reads them per event. */
interface NoticeTimelineSql {

    /** {@code removedFields} is the JSON array of pointers; the content and document are not read. */
    record Head(String noticeId, String eventKey, String duty, boolean copy, String kind, String priority, String role, String officeId,
                String channel, String purpose, String legalBasis, String removedFields, NoticeStatus status, int attempts,
                OffsetDateTime createdAt, OffsetDateTime statusChangedAt, OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt,
                String receipt, String lastError, String configVersion) {
    }

    @SqlQuery("""
            SELECT notice_id, event_key, duty, is_copy AS copy, kind, priority, role, office_id, channel, purpose, legal_basis,
                   removed_fields, status, attempts, created_at, status_changed_at, next_attempt_at, delivered_at, receipt,
                   last_error, config_version
            FROM notice WHERE notice_id = :noticeId""")
    @RegisterConstructorMapper(Head.class)
    Optional<Head> head(String noticeId);

    @SqlQuery("""
            SELECT a.notice_id, a.attempt, a.channel, a.started_at, a.finished_at, a.outcome, a.detail, a.next_attempt_at, n.office_id
            FROM delivery_attempt a JOIN notice n ON n.notice_id = a.notice_id WHERE a.notice_id = :noticeId ORDER BY a.id""")
    @RegisterConstructorMapper(JournalSql.AttemptRow.class)
    List<JournalSql.AttemptRow> attempts(String noticeId);

    @SqlQuery("SELECT notice_id, action, actor, at FROM notice_action WHERE notice_id = :noticeId ORDER BY id")
    @RegisterConstructorMapper(JournalSql.ActionRow.class)
    List<JournalSql.ActionRow> actions(String noticeId);
}

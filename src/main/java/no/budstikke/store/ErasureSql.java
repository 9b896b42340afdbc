package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of an erasure; see {@link Erasures}. The DUF number is always a bound parameter. */
interface ErasureSql {

    /** A notice or deadline belongs to the case by its own DUF number or by its event's. */
    String OF_CASE = "(duf_number = :dufNumber OR event_key IN (SELECT event_key FROM inbound_event WHERE duf_number = :dufNumber))";

    /** A rejected input, as far as the search for a DUF number reads it. */
    record QuarantinedInput(long id, String origin, String violations, byte[] rawBytes) {
    }

    @SqlQuery("SELECT duf_number FROM case_file WHERE duf_number = :dufNumber FOR UPDATE")
    List<String> lockCaseFile(String dufNumber);

    @SqlQuery("SELECT event_key FROM inbound_event WHERE duf_number = :dufNumber ORDER BY seq")
    List<String> eventKeys(String dufNumber);

    @SqlUpdate("""
            INSERT INTO notice_action (notice_id, action, actor, at)
            SELECT notice_id, 'CANCEL', :actor, :now FROM notice WHERE status IN (<open>) AND\s""" + OF_CASE)
    int recordCancellations(@BindList("open") List<NoticeStatus> open, String actor, OffsetDateTime now, String dufNumber);

    @SqlUpdate("UPDATE notice SET status = :cancelled, status_changed_at = :now, next_attempt_at = NULL WHERE status IN (<open>) AND "
            + OF_CASE)
    int cancelNotices(@BindList("open") List<NoticeStatus> open, NoticeStatus cancelled, OffsetDateTime now, String dufNumber);

    @SqlUpdate("""
            UPDATE deadline_run SET status = :ended, closed_at = :now, closed_by = 'erasure', open_key = NULL
            WHERE status = :running AND\s""" + OF_CASE)
    int endDeadlines(DeadlineState running, DeadlineState ended, OffsetDateTime now, String dufNumber);

    @SqlUpdate("""
            UPDATE dispatch_gap SET resolved_at = :now, resolved_by = :actor
            WHERE resolved_at IS NULL AND event_key IN (SELECT event_key FROM inbound_event WHERE duf_number = :dufNumber)""")
    int closeGaps(OffsetDateTime now, String actor, String dufNumber);

    @SqlUpdate("""
            UPDATE inbound_event SET status = :erased, status_changed_at = :now
            WHERE duf_number = :dufNumber AND status NOT IN (<done>)""")
    int stopEvents(EventState erased, @BindList("done") List<EventState> done, OffsetDateTime now, String dufNumber);

    @SqlUpdate("""
            UPDATE notice SET content = '{}', document = '{}', purged_at = COALESCE(purged_at, :now), purge_reason = :reason
            WHERE status IN (<settled>) AND (content LIKE :like OR document LIKE :like)""")
    int blankNoticesQuoting(@BindList("settled") List<NoticeStatus> settled, OffsetDateTime now, String reason, String like);

    @SqlUpdate("""
            UPDATE notice SET content = REPLACE(content, :dufNumber, ''), document = REPLACE(document, :dufNumber, '')
            WHERE content LIKE :like OR document LIKE :like""")
    int cutFromNotices(String dufNumber, String like);

    @SqlUpdate("UPDATE inbound_event SET payload = REPLACE(payload, :dufNumber, '') WHERE payload LIKE :like")
    int cutFromEvents(String dufNumber, String like);

    @SqlUpdate("UPDATE case_file SET state = REPLACE(state, :dufNumber, '') WHERE state LIKE :like")
    int cutFromCaseFiles(String dufNumber, String like);

    @SqlQuery("SELECT id, origin, violations, raw_bytes FROM quarantine WHERE id > :afterId ORDER BY id LIMIT :limit")
    @RegisterConstructorMapper(QuarantinedInput.class)
    List<QuarantinedInput> quarantinePage(long afterId, int limit);

    @SqlUpdate("DELETE FROM quarantine WHERE id IN (<ids>)")
    int deleteQuarantined(@BindList("ids") List<Long> ids);
}

package no.budstikke.store;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The retention purge's statements; see {@link Purges}. {@code :before} is the cut-off, and the
 * settled states are bound: {@code :eventsSettled} (DISPATCHED, REJECTED), {@code :noticesSettled}
 * (DELIVERED, CANCELLED), {@code :running} (RUNNING).
 */
interface PurgeSql {

    /** A case is quiet when nothing about it is open and nothing changed since the cut-off. */
    String QUIET_CASE = """
            f.updated_at < :before AND f.awaiting_settlement_since IS NULL AND (f.eighteen_on IS NULL OR f.eighteen_on < :today)
            AND NOT EXISTS (SELECT 1 FROM inbound_event e WHERE e.duf_number = f.duf_number
                            AND (e.status NOT IN (<eventsSettled>) OR e.status_changed_at >= :before))
            AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.duf_number = f.duf_number
                            AND (n.status NOT IN (<noticesSettled>) OR n.status_changed_at >= :before))
            AND NOT EXISTS (SELECT 1 FROM deadline_run d JOIN inbound_event e ON e.event_key = d.event_key
                            WHERE e.duf_number = f.duf_number AND (d.status = :running OR COALESCE(d.closed_at, d.created_at) >= :before))
            AND NOT EXISTS (SELECT 1 FROM dispatch_gap g JOIN inbound_event e ON e.event_key = g.event_key
                            WHERE e.duf_number = f.duf_number AND (g.resolved_at IS NULL OR g.resolved_at >= :before))""";

    /** Events of no case file, by intake position. */
    record LoneEvent(String eventKey, long seq) {
    }

    @SqlUpdate("DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine WHERE received_at < :before ORDER BY id LIMIT :limit)")
    int deleteQuarantine(OffsetDateTime before, int limit);

    @SqlUpdate("""
            UPDATE notice SET content = '{}', document = '{}', purged_at = :now, purge_reason = :reason
            WHERE notice_id IN (SELECT notice_id FROM notice WHERE purged_at IS NULL AND status IN (<noticesSettled>)
                                AND status_changed_at < :before ORDER BY status_changed_at LIMIT :limit)""")
    int blankNoticeContents(@BindList("noticesSettled") List<NoticeStatus> noticesSettled, OffsetDateTime before, OffsetDateTime now,
                            String reason, int limit);

    @SqlQuery("SELECT f.duf_number FROM case_file f WHERE f.duf_number > :afterDuf AND " + QUIET_CASE
            + " ORDER BY f.duf_number LIMIT :limit")
    List<String> quietCases(@BindList("eventsSettled") List<EventState> eventsSettled,
                            @BindList("noticesSettled") List<NoticeStatus> noticesSettled, DeadlineState running,
                            OffsetDateTime before, LocalDate today, String afterDuf, int limit);

    /** The case file's memory if the case is still quiet, locked against a dispatch of the same case. */
    @SqlQuery("SELECT f.state FROM case_file f WHERE f.duf_number = :dufNumber AND " + QUIET_CASE + " FOR UPDATE")
    Optional<String> lockQuietCase(@BindList("eventsSettled") List<EventState> eventsSettled,
                                   @BindList("noticesSettled") List<NoticeStatus> noticesSettled, DeadlineState running,
                                   OffsetDateTime before, LocalDate today, String dufNumber);

    /** Events that belong to no case file (the hub's own reports, rejected events of unknown persons). */
    @SqlQuery("""
            SELECT e.event_key, e.seq FROM inbound_event e
            WHERE e.purged_at IS NULL AND e.status IN (<eventsSettled>) AND e.status_changed_at < :before
              AND (e.duf_number IS NULL OR NOT EXISTS (SELECT 1 FROM case_file f WHERE f.duf_number = e.duf_number))
              AND NOT EXISTS (SELECT 1 FROM notice n WHERE n.event_key = e.event_key
                              AND (n.status NOT IN (<noticesSettled>) OR n.status_changed_at >= :before))
              AND NOT EXISTS (SELECT 1 FROM deadline_run d WHERE d.event_key = e.event_key
                              AND (d.status = :running OR COALESCE(d.closed_at, d.created_at) >= :before))
              AND NOT EXISTS (SELECT 1 FROM dispatch_gap g WHERE g.event_key = e.event_key
                              AND (g.resolved_at IS NULL OR g.resolved_at >= :before))
              AND e.seq > :afterSeq
            ORDER BY e.seq LIMIT :limit""")
    @RegisterConstructorMapper(LoneEvent.class)
    List<LoneEvent> quietLoneEvents(@BindList("eventsSettled") List<EventState> eventsSettled,
                                    @BindList("noticesSettled") List<NoticeStatus> noticesSettled, DeadlineState running,
                                    OffsetDateTime before, long afterSeq, int limit);

    /** Events whose payload is gone and whose journal nothing refers to any more. */
    @SqlQuery("""
            SELECT e.event_key FROM inbound_event e WHERE e.received_at < :before AND e.purged_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM case_file f WHERE f.last_event_key = e.event_key)
              AND NOT EXISTS (SELECT 1 FROM case_agreement a WHERE a.event_key = e.event_key)
              AND NOT EXISTS (SELECT 1 FROM deadline_run d WHERE d.event_key = e.event_key AND d.status = :running)
            ORDER BY e.seq LIMIT :limit""")
    List<String> journalDue(DeadlineState running, OffsetDateTime before, int limit);

    @SqlUpdate("DELETE FROM delivery_attempt WHERE notice_id IN (SELECT notice_id FROM notice WHERE event_key IN (<eventKeys>))")
    int deleteAttempts(@BindList("eventKeys") List<String> eventKeys);

    @SqlUpdate("DELETE FROM notice_action WHERE notice_id IN (SELECT notice_id FROM notice WHERE event_key IN (<eventKeys>))")
    int deleteActions(@BindList("eventKeys") List<String> eventKeys);

    @SqlUpdate("DELETE FROM alert WHERE event_key IN (<eventKeys>)")
    int deleteAlerts(@BindList("eventKeys") List<String> eventKeys);

    @SqlUpdate("DELETE FROM deadline_run WHERE event_key IN (<eventKeys>)")
    int deleteDeadlines(@BindList("eventKeys") List<String> eventKeys);

    @SqlUpdate("DELETE FROM dispatch_gap WHERE event_key IN (<eventKeys>)")
    int deleteGaps(@BindList("eventKeys") List<String> eventKeys);

    @SqlUpdate("DELETE FROM notice WHERE event_key IN (<eventKeys>)")
    int deleteNotices(@BindList("eventKeys") List<String> eventKeys);

    @SqlUpdate("DELETE FROM inbound_event WHERE event_key IN (<eventKeys>)")
    int deleteEvents(@BindList("eventKeys") List<String> eventKeys);

    @SqlUpdate("DELETE FROM retention_log WHERE id IN (SELECT id FROM retention_log WHERE at < :before ORDER BY id LIMIT :limit)")
    int deleteRetentionLog(OffsetDateTime before, int limit);
}

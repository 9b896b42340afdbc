package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link DeadlineRuns}. */
@RegisterConstructorMapper(DeadlineRunSql.RunRow.class)
@RegisterConstructorMapper(DeadlineRunSql.WatchedRow.class)
interface DeadlineRunSql {

    /** A {@code deadline_run} row as stored. */
    record RunRow(long id, String deadlineId, String eventKey, String dufNumber, String udiRegion, int round,
                  OffsetDateTime startedAt, OffsetDateTime dueAt, OffsetDateTime atRiskAt, DeadlineState status,
                  OffsetDateTime atRiskAlertedAt, OffsetDateTime breachedAt, OffsetDateTime closedAt, String closedBy) {
    }

    /** A run to insert. */
    record NewRun(String deadlineId, String eventKey, String dufNumber, String udiRegion, int round, OffsetDateTime startedAt,
                  OffsetDateTime dueAt, OffsetDateTime atRiskAt, DeadlineState status, String openKey, OffsetDateTime createdAt) {
    }

    /** A notice a deadline watches, as stored. */
    record WatchedRow(String noticeId, String duty, String officeId, NoticeStatus status, OffsetDateTime deliveredAt) {
    }

    String COLUMNS = """
            SELECT id, deadline_id, event_key, duf_number, udi_region, round, started_at, due_at, at_risk_at, status,
                   at_risk_alerted_at, breached_at, closed_at, closed_by
            FROM deadline_run""";

    String WATCHED = """
            SELECT n.notice_id, n.duty, n.office_id, n.status, n.delivered_at FROM notice n
            WHERE n.duty IN (<duties>)""";
    /** The first round counts the starting event's own notices and those created since it started. */
    String FIRST_ROUND = " AND (n.event_key = :eventKey OR n.created_at >= :since)";
    /** A later round counts only those created after the last round closed. */
    String LATER_ROUND = " AND n.created_at > :since";
    String WATCHED_ORDER = " ORDER BY n.duty, n.office_id, n.notice_id";

    /** 1 if new, 0 if a run with the same open key runs already. */
    @SqlUpdate("""
            INSERT INTO deadline_run (deadline_id, event_key, duf_number, udi_region, round, started_at, due_at, at_risk_at,
                                      status, open_key, created_at)
            VALUES (:deadlineId, :eventKey, :dufNumber, :udiRegion, :round, :startedAt, :dueAt, :atRiskAt, :status, :openKey,
                    :createdAt) ON CONFLICT DO NOTHING""")
    int insert(@BindMethods NewRun run);

    @SqlQuery("SELECT id FROM deadline_run WHERE open_key = :openKey")
    long idByOpenKey(String openKey);

    @SqlQuery(COLUMNS + " WHERE deadline_id = :deadlineId AND duf_number = :dufNumber"
            + " AND (status = :running OR (status = :breached AND closed_at IS NULL)) ORDER BY id FOR UPDATE")
    List<RunRow> closable(String deadlineId, String dufNumber, DeadlineState running, DeadlineState breached);

    @SqlQuery(COLUMNS + " WHERE deadline_id = :deadlineId AND duf_number = :dufNumber AND status = :running ORDER BY id FOR UPDATE")
    List<RunRow> running(String deadlineId, String dufNumber, DeadlineState running);

    @SqlQuery("SELECT COALESCE(MAX(id), 0) FROM deadline_run")
    long lastId();

    @SqlQuery("SELECT id FROM deadline_run WHERE status = :running AND id > :afterId AND id <= :upTo ORDER BY id LIMIT :max")
    List<Long> runningIds(DeadlineState running, long afterId, long upTo, int max);

    @SqlQuery(COLUMNS + " WHERE id = :id AND status = :running FOR UPDATE SKIP LOCKED")
    Optional<RunRow> lockRunning(long id, DeadlineState running);

    @SqlQuery(WATCHED + " AND n.event_key = :eventKey" + FIRST_ROUND + WATCHED_ORDER)
    List<WatchedRow> watchedOfEventFirstRound(@BindList("duties") List<String> duties, String eventKey, OffsetDateTime since);

    @SqlQuery(WATCHED + " AND n.event_key = :eventKey" + LATER_ROUND + WATCHED_ORDER)
    List<WatchedRow> watchedOfEventLaterRound(@BindList("duties") List<String> duties, String eventKey, OffsetDateTime since);

    @SqlQuery(WATCHED + " AND n.duf_number = :dufNumber" + FIRST_ROUND + WATCHED_ORDER)
    List<WatchedRow> watchedOfCaseFirstRound(@BindList("duties") List<String> duties, String dufNumber, String eventKey,
                                             OffsetDateTime since);

    @SqlQuery(WATCHED + " AND n.duf_number = :dufNumber" + LATER_ROUND + WATCHED_ORDER)
    List<WatchedRow> watchedOfCaseLaterRound(@BindList("duties") List<String> duties, String dufNumber, OffsetDateTime since);

    @SqlQuery(WATCHED + " AND n.office_id IN (<offices>)" + FIRST_ROUND + WATCHED_ORDER)
    List<WatchedRow> watchedOfOfficesFirstRound(@BindList("duties") List<String> duties, @BindList("offices") List<String> offices,
                                                String eventKey, OffsetDateTime since);

    @SqlQuery(WATCHED + " AND n.office_id IN (<offices>)" + LATER_ROUND + WATCHED_ORDER)
    List<WatchedRow> watchedOfOfficesLaterRound(@BindList("duties") List<String> duties, @BindList("offices") List<String> offices,
                                                OffsetDateTime since);

    @SqlUpdate("UPDATE deadline_run SET at_risk_alerted_at = :at WHERE id = :id")
    int atRiskAlerted(long id, OffsetDateTime at);

    @SqlUpdate("UPDATE deadline_run SET status = :met, open_key = NULL, closed_at = :closedAt, closed_by = :closedBy WHERE id = :id")
    int met(long id, DeadlineState met, OffsetDateTime closedAt, String closedBy);

    @SqlUpdate("""
            UPDATE deadline_run SET status = :breached, open_key = NULL, breached_at = :breachedAt, closed_at = :closedAt,
                                    closed_by = :closedBy
            WHERE id = :id""")
    int breached(long id, DeadlineState breached, OffsetDateTime breachedAt, OffsetDateTime closedAt, String closedBy);

    @SqlUpdate("UPDATE deadline_run SET closed_at = :closedAt, closed_by = :closedBy WHERE id = :id AND closed_at IS NULL")
    int closedBy(long id, OffsetDateTime closedAt, String closedBy);

    @SqlUpdate("UPDATE deadline_run SET status = :ended, open_key = NULL, closed_at = :closedAt, closed_by = :closedBy WHERE id = :id")
    int end(long id, DeadlineState ended, OffsetDateTime closedAt, String closedBy);

    @SqlQuery(COLUMNS + " WHERE event_key = :eventKey ORDER BY id")
    List<RunRow> forEvent(String eventKey);

    @SqlQuery(COLUMNS + " WHERE status IN (<states>) ORDER BY due_at, id LIMIT :limit")
    List<RunRow> inStates(@BindList("states") List<DeadlineState> states, int limit);

    @SqlQuery("SELECT payload FROM inbound_event WHERE event_key = :eventKey")
    Optional<String> payload(String eventKey);
}

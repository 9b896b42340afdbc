package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link NoticeStore}. */
interface NoticeSql {

    /** A decided notice as one row of {@code notice}; the JSON columns already written out as text. */
    record NewNotice(String noticeId, String eventKey, String duty, boolean copy, String kind, String priority, int priorityRank,
                     String role, String officeId, String channel, String address, String purpose, String legalBasis,
                     String content, String removedFields, String flags, NoticeStatus status, OffsetDateTime createdAt,
                     String officeName, String document, OffsetDateTime dueAt, String dufNumber, String configVersion) {
    }

    /** An office and how many of its notices are in trouble. */
    record OfficeCount(String officeId, long notices) {
    }

    String INSERT = """
            INSERT INTO notice (notice_id, event_key, duty, is_copy, kind, priority, priority_rank, role, office_id,
                                channel, address, purpose, legal_basis, content, removed_fields, flags, status,
                                created_at, status_changed_at, office_name, document, next_attempt_at, due_at, duf_number,
                                config_version)
            VALUES (:noticeId, :eventKey, :duty, :copy, :kind, :priority, :priorityRank, :role, :officeId,
                    :channel, :address, :purpose, :legalBasis, :content, :removedFields, :flags, :status,
                    :createdAt, :createdAt, :officeName, :document, :createdAt, :dueAt, :dufNumber,
                    :configVersion)
            ON CONFLICT DO NOTHING""";

    @SqlUpdate(INSERT)
    void insert(@BindMethods NewNotice notice);

    /** As {@link #insert}, the notices of one event in one round trip. */
    @SqlBatch(INSERT)
    void insertAll(@BindMethods List<NewNotice> notices);

    @SqlQuery("""
            SELECT notice_id, duty, is_copy AS copy, priority, role, office_id, channel, status
            FROM notice WHERE event_key = :eventKey ORDER BY priority_rank, duty, office_id""")
    @RegisterConstructorMapper(NoticeStore.NoticeSummary.class)
    List<NoticeStore.NoticeSummary> forEvent(String eventKey);

    String STATE = """
            SELECT notice_id, event_key, duty, is_copy AS copy, kind, priority, role, office_id, channel, status, attempts,
                   next_attempt_at, last_error, created_at, status_changed_at, delivered_at, receipt
            FROM notice""";

    @SqlQuery(STATE + " WHERE status IN (<statuses>) ORDER BY priority_rank, created_at LIMIT :limit")
    @RegisterConstructorMapper(NoticeStore.NoticeState.class)
    List<NoticeStore.NoticeState> inStatus(@BindList("statuses") List<NoticeStatus> statuses, int limit);

    @SqlQuery(STATE + " WHERE status IN (<statuses>) AND office_id = :officeId ORDER BY priority_rank, created_at LIMIT :limit")
    @RegisterConstructorMapper(NoticeStore.NoticeState.class)
    List<NoticeStore.NoticeState> inStatusTo(@BindList("statuses") List<NoticeStatus> statuses, String officeId, int limit);

    @SqlQuery(STATE + " WHERE notice_id = :noticeId")
    @RegisterConstructorMapper(NoticeStore.NoticeState.class)
    Optional<NoticeStore.NoticeState> state(String noticeId);

    @SqlQuery("""
            SELECT channel, office_id, COUNT(*) AS pending, MIN(created_at) AS oldest_created_at,
                   SUM(CASE WHEN status = :failed THEN 1 ELSE 0 END) AS failed
            FROM notice WHERE status IN (<waiting>) AND channel <> 'TASK'
            GROUP BY channel, office_id""")
    @RegisterConstructorMapper(NoticeStore.Backlog.class)
    List<NoticeStore.Backlog> backlog(@BindList("waiting") List<NoticeStatus> waiting, NoticeStatus failed);

    // A retry in flight (SENDING after a failure) still counts: the office has not answered yet.
    @SqlQuery("""
            SELECT office_id, COUNT(*) AS notices FROM notice
            WHERE status IN (<troubled>) OR (status = :sending AND attempts > 1)
            GROUP BY office_id ORDER BY office_id""")
    @RegisterConstructorMapper(OfficeCount.class)
    List<OfficeCount> troubledOffices(@BindList("troubled") List<NoticeStatus> troubled, NoticeStatus sending);
}

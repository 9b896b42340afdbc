package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The statements of {@link OfficeOverview}: reads only. */
@RegisterConstructorMapper(OfficeOverviewSql.Waiting.class)
@RegisterConstructorMapper(OfficeOverviewSql.Count.class)
interface OfficeOverviewSql {

    record Waiting(String officeId, long notices, OffsetDateTime oldestCreatedAt) {
    }

    record Count(String officeId, long notices) {
    }

    /**
     * Reads ix_notice_queue (status, priority_rank, created_at, notice_id) for the waiting statuses only,
     * and the rows it finds for their office: the cost follows the backlog, not the delivered history.
     */
    @SqlQuery("""
            SELECT office_id, COUNT(*) AS notices, MIN(created_at) AS oldest_created_at FROM notice
            WHERE status IN (<waiting>) AND channel <> 'TASK'
            GROUP BY office_id""")
    List<Waiting> waiting(@BindList("waiting") List<NoticeStatus> waiting);

    /** Reads ix_notice_queue for the one status: dead letters are few, and a DEAD notice is never a task. */
    @SqlQuery("SELECT office_id, COUNT(*) AS notices FROM notice WHERE status = :dead GROUP BY office_id")
    List<Count> dead(NoticeStatus dead);

    /** Reads the end of ix_notice_delivered (delivered_at, office_id; migration V25) from {@code since}: the recent deliveries only. */
    @SqlQuery("SELECT office_id, COUNT(*) AS notices FROM notice WHERE delivered_at >= :since GROUP BY office_id")
    List<Count> deliveredSince(OffsetDateTime since);
}

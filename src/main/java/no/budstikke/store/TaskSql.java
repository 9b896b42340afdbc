package no.budstikke.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The statements of {@link TaskStore}: tasks are the notices on channel TASK. */
@RegisterColumnMapper(TaskSql.StateColumn.class)
@RegisterConstructorMapper(StoredTask.class)
interface TaskSql {

    String SELECT = """
            SELECT n.notice_id, n.event_key, n.duty, n.kind, n.priority, n.role, n.office_id, n.office_name, n.address AS phone,
                   n.status AS state, n.created_at, n.due_at, n.document,
                   (SELECT MAX(a.actor) FROM notice_action a WHERE a.notice_id = n.notice_id AND a.action = :acknowledge) AS acknowledged_by,
                   (SELECT MAX(a.at) FROM notice_action a WHERE a.notice_id = n.notice_id AND a.action = :acknowledge) AS acknowledged_at
            FROM notice n WHERE n.channel = 'TASK'""";

    String URGENT_FIRST = " ORDER BY n.priority_rank, COALESCE(n.due_at, n.created_at), n.created_at LIMIT :limit";

    /** A task's state from the notice status it is stored as. */
    final class StateColumn implements ColumnMapper<TaskState> {
        @Override
        public TaskState map(ResultSet r, int column, StatementContext ctx) throws SQLException {
            return TaskState.of(NoticeStatus.valueOf(r.getString(column)));
        }
    }

    @SqlQuery(SELECT + URGENT_FIRST)
    List<StoredTask> all(NoticeAction acknowledge, int limit);

    @SqlQuery(SELECT + " AND n.status = :status" + URGENT_FIRST)
    List<StoredTask> inStatus(NoticeAction acknowledge, NoticeStatus status, int limit);

    @SqlQuery(SELECT + " AND n.notice_id = :noticeId")
    Optional<StoredTask> get(NoticeAction acknowledge, String noticeId);

    @SqlQuery(SELECT + " AND n.status = :status AND n.due_at <= :now ORDER BY n.due_at LIMIT :limit")
    List<StoredTask> dueBy(NoticeAction acknowledge, NoticeStatus status, OffsetDateTime now, int limit);
}

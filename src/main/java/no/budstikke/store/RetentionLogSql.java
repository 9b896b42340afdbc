package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link RetentionLog}. */
interface RetentionLogSql {

    @SqlUpdate("INSERT INTO retention_log (at, action, actor, counts) VALUES (:at, :action, :actor, :counts)")
    int insert(OffsetDateTime at, String action, String actor, String counts);

    @SqlQuery("SELECT id, at, action, actor, counts FROM retention_log ORDER BY id DESC LIMIT :limit")
    @RegisterConstructorMapper(RetentionLog.Entry.class)
    List<RetentionLog.Entry> newest(int limit);
}

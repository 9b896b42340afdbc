package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import no.budstikke.model.Priority;
import no.budstikke.model.Role;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link DispatchGaps}. */
@RegisterConstructorMapper(DispatchGaps.Gap.class)
interface DispatchGapSql {

    String SELECT = """
            SELECT id, event_key, duty, role, reason, priority, municipality, fallback_office_id, created_at,
                   resolved_notice_id, resolved_by, resolved_at
            FROM dispatch_gap""";

    @SqlUpdate("""
            INSERT INTO dispatch_gap (event_key, duty, role, reason, created_at, priority, municipality, fallback_office_id)
            VALUES (:eventKey, :duty, :role, :reason, :createdAt, :priority, :municipality, :fallbackOfficeId)""")
    void insert(String eventKey, String duty, Role role, String reason, OffsetDateTime createdAt, Priority priority,
                String municipality, String fallbackOfficeId);

    @SqlQuery("SELECT COUNT(*) FROM dispatch_gap WHERE event_key = :eventKey")
    int count(String eventKey);

    @SqlQuery(SELECT + " WHERE resolved_at IS NULL ORDER BY id LIMIT :limit")
    List<DispatchGaps.Gap> open(int limit);

    @SqlQuery(SELECT + " ORDER BY id DESC LIMIT :limit")
    List<DispatchGaps.Gap> newest(int limit);

    @SqlQuery(SELECT + " WHERE event_key = :eventKey ORDER BY id")
    List<DispatchGaps.Gap> forEvent(String eventKey);

    @SqlQuery(SELECT + " WHERE id = :id FOR UPDATE")
    Optional<DispatchGaps.Gap> lock(long id);

    @SqlUpdate("UPDATE dispatch_gap SET resolved_notice_id = :noticeId, resolved_by = :actor, resolved_at = :now WHERE id = :id")
    void resolve(long id, String noticeId, String actor, OffsetDateTime now);
}

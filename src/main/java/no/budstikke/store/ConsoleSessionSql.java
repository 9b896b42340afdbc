package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link ConsoleSessions}. */
interface ConsoleSessionSql {

    @SqlUpdate("""
            INSERT INTO console_session (id_sha256, person, roles, csrf_token, created_at, last_seen_at)
            VALUES (:idSha256, :person, :roles, :csrfToken, :now, :now)""")
    int insert(String idSha256, String person, String roles, String csrfToken, OffsetDateTime now);

    @SqlQuery("SELECT id_sha256, person, roles, csrf_token, created_at, last_seen_at FROM console_session WHERE id_sha256 = :idSha256")
    @RegisterConstructorMapper(ConsoleSessions.Row.class)
    Optional<ConsoleSessions.Row> find(String idSha256);

    @SqlUpdate("UPDATE console_session SET last_seen_at = :now WHERE id_sha256 = :idSha256")
    int touch(String idSha256, OffsetDateTime now);

    @SqlUpdate("DELETE FROM console_session WHERE id_sha256 = :idSha256")
    int delete(String idSha256);

    @SqlUpdate("DELETE FROM console_session WHERE last_seen_at < :idleBefore OR created_at < :createdBefore")
    int purge(OffsetDateTime idleBefore, OffsetDateTime createdBefore);

    @SqlUpdate("INSERT INTO console_task_note (notice_id, person, note, written_at) VALUES (:noticeId, :person, :note, :at)")
    int insertNote(String noticeId, String person, String note, OffsetDateTime at);

    @SqlQuery("SELECT notice_id, person, note, written_at FROM console_task_note WHERE notice_id IN (<ids>) ORDER BY id")
    @RegisterConstructorMapper(ConsoleSessions.Note.class)
    List<ConsoleSessions.Note> notes(@org.jdbi.v3.sqlobject.customizer.BindList("ids") List<String> ids);
}

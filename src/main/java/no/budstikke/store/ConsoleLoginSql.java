package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link ConsoleLogins}. */
interface ConsoleLoginSql {

    @SqlUpdate("""
            INSERT INTO console_login (state_sha256, nonce, code_verifier, started_at)
            VALUES (:stateSha256, :nonce, :codeVerifier, :startedAt)""")
    int insert(String stateSha256, String nonce, String codeVerifier, OffsetDateTime startedAt);

    @SqlQuery("SELECT nonce, code_verifier, started_at FROM console_login WHERE state_sha256 = :stateSha256 FOR UPDATE")
    @RegisterConstructorMapper(ConsoleLogins.Begun.class)
    Optional<ConsoleLogins.Begun> lock(String stateSha256);

    @SqlUpdate("DELETE FROM console_login WHERE state_sha256 = :stateSha256")
    int delete(String stateSha256);

    @SqlUpdate("DELETE FROM console_login WHERE started_at < :before")
    int purge(OffsetDateTime before);
}

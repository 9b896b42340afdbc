package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link ConfigVersions}. */
interface ConfigVersionSql {

    @SqlQuery("SELECT hash, accepted_by, accepted_at FROM config_version ORDER BY id DESC LIMIT 1")
    @RegisterConstructorMapper(ConfigVersions.Accepted.class)
    Optional<ConfigVersions.Accepted> newest();

    @SqlUpdate("INSERT INTO config_version (hash, accepted_by, accepted_at) VALUES (:hash, :acceptedBy, :acceptedAt)")
    int insert(String hash, String acceptedBy, OffsetDateTime acceptedAt);
}

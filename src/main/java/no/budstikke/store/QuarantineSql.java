package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of {@link QuarantineStore}. */
interface QuarantineSql {

    /**
     * A quarantine row: {@code id} null in one about to be inserted, {@code violations} the JSON array,
     * {@code rawBytes} null where not read.
     */
    record Row(Long id, OffsetDateTime receivedAt, String channel, String origin, String reason, String violations, long rawSize,
               byte[] rawBytes, boolean truncated) {
    }

    @SqlUpdate("""
            INSERT INTO quarantine (received_at, channel, origin, reason, violations, raw_size, raw_bytes, truncated)
            VALUES (:receivedAt, :channel, :origin, :reason, :violations, :rawSize, :rawBytes, :truncated)""")
    @GetGeneratedKeys("id")
    long insert(@BindMethods Row row);

    @SqlQuery("""
            SELECT id, received_at, channel, origin, reason, violations, raw_size, CAST(NULL AS BYTEA) AS raw_bytes, truncated
            FROM quarantine WHERE id < :beforeId ORDER BY id DESC LIMIT :limit""")
    @RegisterConstructorMapper(Row.class)
    List<Row> listWithoutRaw(long beforeId, int limit);

    @SqlQuery("""
            SELECT id, received_at, channel, origin, reason, violations, raw_size, raw_bytes, truncated
            FROM quarantine WHERE id = :id""")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> get(long id);
}

package no.budstikke.camel;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the hub can only acknowledge events while its database answers. A query, not
 * {@code Connection.isValid}: an embedded H2 whose database had closed itself (out of direct
 * memory) still handed out "valid" sessions, so readiness said UP while every POST got 503.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    /** Short: a check that hangs would hold the readiness answer too. */
    static final int QUERY_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("budstikke", "database");
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                if (rs.next() && rs.getInt(1) == 1) {
                    builder.up();
                    return;
                }
            }
            builder.detail("database", "answered SELECT 1 wrongly");
        } catch (Exception e) {
            builder.detail("database", "unreachable (" + e.getClass().getSimpleName() + ")");
        }
        builder.down();
    }
}

package no.budstikke.camel;

import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import no.budstikke.store.DatabaseProbe;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the hub can only acknowledge events while its database answers a query (see
 * {@link DatabaseProbe} for why a query): otherwise readiness said UP while every POST got 503.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    /** Short: a check that hangs would hold the readiness answer too. */
    static final int QUERY_TIMEOUT_SECONDS = 2;

    private final DatabaseProbe probe;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("budstikke", "database");
        this.probe = new DatabaseProbe(dataSource, QUERY_TIMEOUT_SECONDS);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<String> problem = probe.problem();
        if (problem.isEmpty()) {
            builder.up();
            return;
        }
        builder.detail("database", problem.get());
        builder.down();
    }
}

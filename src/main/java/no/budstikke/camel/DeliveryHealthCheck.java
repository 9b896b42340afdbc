package no.budstikke.camel;

import java.util.Map;
import no.budstikke.store.NoticeStore;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Shows offices that are not receiving (notices FAILED or DEAD) as degraded. It is neither a
 * readiness nor a liveness check: one office being away must not take the hub out of service,
 * because every other office still needs its notices.
 */
public final class DeliveryHealthCheck extends AbstractHealthCheck {

    private final NoticeStore notices;

    public DeliveryHealthCheck(NoticeStore notices) {
        super("budstikke", "delivery");
        this.notices = notices;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, Long> troubled = notices.troubledOffices();
        builder.detail("state", troubled.isEmpty() ? "all offices receiving" : "degraded");
        troubled.forEach((office, count) -> builder.detail("office." + office, count + " notice(s) failed or dead"));
        builder.up();
    }
}

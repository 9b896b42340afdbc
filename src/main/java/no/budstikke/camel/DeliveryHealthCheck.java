package no.budstikke.camel;

import java.util.Map;
import java.util.TreeMap;
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
        // Persons named in events are shown by role only (OfficeLabel), their counts added up.
        Map<String, Long> troubled = new TreeMap<>();
        notices.troubledOffices().forEach((office, count) -> troubled.merge(OfficeLabel.of(office), count, Long::sum));
        builder.detail("state", troubled.isEmpty() ? "all offices receiving" : "degraded");
        troubled.forEach((office, count) -> builder.detail("office." + office, count + " notice(s) failed or dead"));
        builder.up();
    }
}

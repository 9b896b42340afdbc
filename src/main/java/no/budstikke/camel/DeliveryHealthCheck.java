package no.budstikke.camel;

import java.util.Map;
import java.util.TreeMap;
import no.budstikke.delivery.OfficeBackoff;
import no.budstikke.store.NoticeStore;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Shows offices that are not receiving (notices FAILED or DEAD) as degraded. It is neither a
 * readiness nor a liveness check: one office being away must not take the hub out of service,
 * because every other office still needs its notices. Each office this instance cannot reach is
 * shown as backing off or down ({@link OfficeBackoff}).
 */
public final class DeliveryHealthCheck extends AbstractHealthCheck {

    private final NoticeStore notices;
    private final OfficeBackoff offices;

    public DeliveryHealthCheck(NoticeStore notices, OfficeBackoff offices) {
        super("budstikke", "delivery");
        this.notices = notices;
        this.offices = offices;
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
        Map<String, OfficeBackoff.State> away = new TreeMap<>();
        offices.states().forEach((office, state) -> away.merge(OfficeLabel.of(office), state, (a, b) -> a.compareTo(b) >= 0 ? a : b));
        builder.detail("state", troubled.isEmpty() && away.isEmpty() ? "all offices receiving" : "degraded");
        troubled.forEach((office, count) -> builder.detail("office." + office, count + " notice(s) failed or dead"));
        away.forEach((office, state) -> builder.detail("office." + office + ".state", stateName(state)));
        builder.up();
    }

    /** receiving, backing-off or down. */
    static String stateName(OfficeBackoff.State state) {
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

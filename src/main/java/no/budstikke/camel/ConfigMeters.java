package no.budstikke.camel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;

/**
 * {@code budstikke_config_behind}: 1 while this instance runs another config version than the
 * newest one accepted on the database (its folder does not hold it yet, or has problems), else 0.
 * Ops alert on it instead of reading each instance's log.
 */
public final class ConfigMeters {

    private final CamelContext context;
    private final BooleanSupplier behind;
    private volatile boolean registered;

    public ConfigMeters(CamelContext context, BooleanSupplier behind) {
        this.context = context;
        this.behind = behind;
    }

    /** Registers the gauge once the meter registry exists; called on the metrics schedule. */
    public void refresh() {
        if (registered) return;
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) return;
        Gauge.builder("budstikke.config.behind", () -> behind.getAsBoolean() ? 1 : 0).register(registry);
        registered = true;
    }
}

package no.budstikke.camel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.budstikke.store.FollowUpCounts;
import org.apache.camel.CamelContext;

/**
 * Prometheus gauges for what ops must follow up, so an alerting system can page someone at 3 a.m.:
 * {@code budstikke_alerts_open{kind}}, {@code budstikke_tasks_open}, {@code budstikke_tasks_overdue},
 * {@code budstikke_deadlines_running{deadline}} and {@code budstikke_deadlines_at_risk{deadline}}.
 * Counts by kind and deadline id only. A kind or deadline seen once reads zero when none is left.
 */
public final class FollowUpMeters {

    private final CamelContext context;
    private final FollowUpCounts counts;
    private final Map<String, Double> values = new ConcurrentHashMap<>(); // "name|tag" → value
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private volatile MeterRegistry registry;

    public FollowUpMeters(CamelContext context, FollowUpCounts counts) {
        this.context = context;
        this.counts = counts;
    }

    /** Re-reads the counts; called on a schedule by the metrics route. */
    public void refresh() {
        if (registry == null) registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) return;
        FollowUpCounts.Counts c = counts.read();
        values.replaceAll((k, v) -> 0.0);
        c.alertsOpen().forEach((kind, n) -> set("budstikke.alerts.open", "kind", kind, n));
        set("budstikke.tasks.open", null, null, c.tasksOpen());
        set("budstikke.tasks.overdue", null, null, c.tasksOverdue());
        c.deadlinesRunning().forEach((id, n) -> set("budstikke.deadlines.running", "deadline", id, n));
        c.deadlinesAtRisk().forEach((id, n) -> set("budstikke.deadlines.at.risk", "deadline", id, n));
    }

    private void set(String name, String tag, String value, long n) {
        String key = name + "|" + (value == null ? "" : value);
        values.put(key, (double) n);
        if (gauged.add(key)) {
            Gauge.Builder<Map<String, Double>> g = Gauge.builder(name, values, m -> m.getOrDefault(key, 0.0));
            if (tag != null) g.tag(tag, value);
            g.register(registry);
        }
    }
}

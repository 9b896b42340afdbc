package no.budstikke.camel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.budstikke.delivery.Delivery;
import no.budstikke.delivery.OfficeBackoff;
import no.budstikke.delivery.OutboxListener;
import no.budstikke.store.NoticeStore;
import org.apache.camel.CamelContext;

/**
 * Prometheus metrics per channel and office: notices delivered, failed (retry scheduled) and
 * dead, and the backlog with the age of its oldest notice. Labels are the channel and the
 * {@link OfficeLabel} only: directory office ids, and persons named in events by role, never by
 * address or a hash of it, so the number of series is bounded by the directory.
 * The state of each office this instance has had to back off from is a gauge,
 * {@code budstikke.office.state}: 0 receiving, 1 backing off, 2 down.
 * The meter registry is found when first needed, since camel-main creates it after the beans.
 */
public final class DeliveryMeters implements OutboxListener {

    private final CamelContext context;
    private final NoticeStore notices;
    private final Clock clock;
    private final Map<String, double[]> backlog = new ConcurrentHashMap<>(); // key "channel|office" → {pending, oldestAgeSeconds}
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final OfficeBackoff offices;
    private final Map<String, Integer> officeStates = new ConcurrentHashMap<>(); // office label → state ordinal
    private volatile MeterRegistry registry;

    public DeliveryMeters(CamelContext context, NoticeStore notices, Clock clock, OfficeBackoff offices) {
        this.context = context;
        this.notices = notices;
        this.clock = clock;
        this.offices = offices;
    }

    @Override
    public void recorded(Delivery d, Outcome outcome) {
        MeterRegistry r = registry();
        if (r == null) return;
        String name = switch (outcome) {
            case DELIVERED -> "budstikke.notices.delivered";
            case RETRY -> "budstikke.notices.failed";
            case DEAD -> "budstikke.notices.dead";
        };
        Counter.builder(name).tag("channel", channel(d.channel().name())).tag("office", OfficeLabel.of(d.officeId())).register(r).increment();
    }

    /** Re-reads the backlog; called on a schedule by the metrics route. */
    public void refreshBacklog() {
        MeterRegistry r = registry();
        if (r == null) return;
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Several persons share one label: their backlogs add up, the oldest notice is the oldest of all.
        Map<String, double[]> read = new HashMap<>();
        for (NoticeStore.Backlog b : notices.backlog()) {
            String office = OfficeLabel.of(b.officeId());
            String key = channel(b.channel()) + "|" + office;
            double age = Math.max(0, Duration.between(b.oldestCreatedAt(), now).toMillis() / 1000.0);
            read.merge(key, new double[] {b.pending(), age}, (x, y) -> new double[] {x[0] + y[0], Math.max(x[1], y[1])});
            if (gauged.add(key)) register(r, key, channel(b.channel()), office);
        }
        // An office with nothing waiting reads zero rather than its last value.
        backlog.keySet().stream().filter(k -> !read.containsKey(k)).forEach(k -> backlog.put(k, new double[] {0, 0}));
        backlog.putAll(read);
        refreshOffices(r);
    }

    /** An office once away stays a series, reading 0 when receiving again; the worst state of a label wins. */
    private void refreshOffices(MeterRegistry r) {
        Map<String, Integer> read = new HashMap<>();
        offices.states().forEach((office, state) -> read.merge(OfficeLabel.of(office), state.ordinal(), Math::max));
        for (String office : read.keySet()) {
            if (!officeStates.containsKey(office)) {
                officeStates.put(office, 0);
                Gauge.builder("budstikke.office.state", officeStates, m -> m.getOrDefault(office, 0)).tag("office", office).register(r);
            }
        }
        officeStates.keySet().forEach(office -> officeStates.put(office, read.getOrDefault(office, 0)));
    }

    private void register(MeterRegistry r, String key, String channel, String office) {
        Gauge.builder("budstikke.outbox.pending", backlog, m -> m.getOrDefault(key, new double[2])[0])
                .tag("channel", channel).tag("office", office).register(r);
        Gauge.builder("budstikke.outbox.oldest.pending.age.seconds", backlog, m -> m.getOrDefault(key, new double[2])[1])
                .tag("channel", channel).tag("office", office).register(r);
    }

    private MeterRegistry registry() {
        if (registry == null) registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        return registry;
    }

    private static String channel(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

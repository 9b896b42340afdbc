package no.budstikke.bench.delivery;

import static no.budstikke.bench.BenchSupport.positive;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.budstikke.bench.BenchSupport;

/** The benchmark's settings: key=value arguments or -Dbench.key=value, over the defaults below. */
final class DeliverySettings {

    /** Any other hub property, given as hub.<property>=<value>. */
    private final Map<String, String> extraHubSettings = new LinkedHashMap<>();
    private final Map<String, String> settings;
    final int events;
    final int k;
    final int warmup;
    final int backlog;
    final int naive;
    final List<String> databases;
    final List<String> parts;
    final Duration e2eDeadline;
    final Duration drainDeadline;
    final Duration naiveDeadline;
    final int urgentEveryMs;
    final int urgentEventEvery;
    final int backlogDelayMs;
    final boolean sample;
    final boolean keep;

    DeliverySettings(String[] args) {
        this.settings = defaultsOver(args);
        this.events = positive(settings, "events");
        this.k = positive(settings, "k");
        this.warmup = Integer.parseInt(settings.get("warmup"));
        this.backlog = positive(settings, "backlog");
        this.naive = positive(settings, "naive");
        this.databases = Arrays.stream(settings.get("db").split(",")).map(String::trim)
                .map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        this.parts = Arrays.stream(settings.get("parts").split(",")).map(String::trim).toList();
        this.e2eDeadline = Duration.ofSeconds(positive(settings, "e2e-seconds"));
        this.drainDeadline = Duration.ofSeconds(positive(settings, "drain-seconds"));
        this.naiveDeadline = Duration.ofSeconds(positive(settings, "naive-seconds"));
        this.urgentEveryMs = positive(settings, "urgent-every-ms");
        this.urgentEventEvery = positive(settings, "urgent-event-every");
        this.backlogDelayMs = Integer.parseInt(settings.get("backlog-delay-ms"));
        this.sample = Boolean.parseBoolean(settings.get("sample"));
        this.keep = Boolean.parseBoolean(settings.get("keep"));
        for (String db : databases) {
            if (!List.of("h2", "postgres").contains(db)) throw new IllegalArgumentException("unknown db: " + db);
        }
    }

    /** Every setting, as given or defaulted. */
    Map<String, String> values() {
        return settings;
    }

    /** The tuning under test, as the hub's property names. */
    Map<String, String> tuning() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("budstikke.delivery.concurrency", settings.get("concurrency"));
        t.put("budstikke.delivery.batch-size", settings.get("batch-size"));
        t.put("budstikke.delivery.poll-ms", settings.get("poll-ms"));
        t.put("budstikke.dispatch.poll-ms", settings.get("dispatch-poll-ms"));
        t.put("budstikke.dispatch.batch-size", settings.get("dispatch-batch-size"));
        t.put("budstikke.db.pool-size", settings.get("pool-size"));
        extraHubSettings.forEach(t::put);
        return t;
    }
    private Map<String, String> defaultsOver(String[] args) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("events", "300");         // e2e: events posted (half missing, half leave applications)
        s.put("k", "4");                // e2e: concurrent clients posting
        s.put("warmup", "20");          // events posted and delivered before measuring
        s.put("e2e-seconds", "90");     // e2e: deadline for posting and for delivery
        s.put("backlog", "50000");      // urgent: NORMAL notices queued before the URGENT ones
        s.put("drain-seconds", "60");   // urgent: how long the drain is measured
        s.put("urgent-every-ms", "500"); // urgent: an URGENT notice inserted this often
        s.put("urgent-event-every", "4"); // urgent: and every n-th time an URGENT missing event posted
        s.put("backlog-delay-ms", "0"); // urgent: the backlog office answers after this long (0: at once)
        s.put("naive", "3000");         // naive: notices written and then sent one at a time
        s.put("naive-seconds", "30");   // naive: deadline per phase (write, send)
        s.put("db", "h2,postgres");
        s.put("parts", "e2e,paced,urgent,lanes,naive");
        s.put("paced", "150");          // paced: events posted one at a time at paced-rate
        s.put("paced-rate", "10");      // paced: events per second (about half of what e2e sustains)
        // The hub's tuning (shipped defaults: 4, 20, 200, 200, 100, 10).
        s.put("concurrency", "8");
        s.put("batch-size", "64");
        s.put("poll-ms", "50");
        s.put("dispatch-poll-ms", "50");
        s.put("dispatch-batch-size", "100");
        s.put("pool-size", "10");
        s.put("sample", "false");       // sample the delivery threads' stacks during the drain
        s.put("keep", "false");         // keep the run folder (databases, SFTP files, keys)
        return BenchSupport.settings(s, args, "hub.", extraHubSettings);
    }
}

/*
 * Dispatch groups benchmark: events and notices dispatched per second with one transaction per
 * event (group size 1, the old path) against one per group of events (the shipped 50).
 *
 * A program, not a test: the test suite never runs it. How to run it (from the project folder):
 *
 *   mvn -B -o -q -DskipTests test-compile dependency:build-classpath \
 *       -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *       no.budstikke.bench.DispatchBenchmark [n=5000] [groups=1,50] [db=h2,postgres] ...
 *
 * The real hub runs (TestHub: camel-main, the real wiring, listeners and shipped config) with its
 * timers stopped, so only this program writes. For each group size it stores n missing-child
 * reports (examples/events/missing.json with ids and DUF numbers of their own; every
 * repeat-every-th one a second report on an earlier case, so groups hold events of one case) through
 * the hub's IntakeService bean, untimed, and then times their dispatch: a DispatchService made of the
 * hub's own stores and listeners, deciding `group` events a transaction, called with
 * dispatchPending(batch) until nothing is left, as the dispatch timer does. With rounds=R it does
 * so R times, every other round in the reverse order of group sizes, and prints each size's median. On PostgreSQL, fsync,
 * synchronous_commit and full_page_writes are on (checked), and ANALYZE runs after the warm-up.
 *
 * Every event must end DISPATCHED, and every group size must write the same number of notices per
 * event; a miss prints FAIL and the program exits with status 1. Bounded: fixed numbers of events
 * and a deadline for the whole run (max-seconds); loopback only; stops by itself. The hub's log goes
 * to target/bench/dispatch-<time>/hub.log; the rest of the run folder is removed unless keep=true.
 * See docs/benchmarks.md, "Dispatch groups", for the recorded results.
 */
package no.budstikke.bench;

import static no.budstikke.bench.BenchSupport.deleteTree;
import static no.budstikke.bench.BenchSupport.logHubTo;
import static no.budstikke.bench.BenchSupport.onEach;
import static no.budstikke.bench.BenchSupport.onH2;
import static no.budstikke.bench.BenchSupport.onPostgres;
import static no.budstikke.bench.BenchSupport.positive;
import static no.budstikke.bench.BenchSupport.runningPostgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import no.budstikke.alert.Alerts;
import no.budstikke.alert.UnresolvedRecipients;
import no.budstikke.amot.TertialReport;
import no.budstikke.bench.BenchSupport.Cpu;
import no.budstikke.casefile.OtherCentreHolds;
import no.budstikke.casefile.UnmatchedReturns;
import no.budstikke.deadline.DeadlineTracker;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.intake.EventOutcome;
import no.budstikke.intake.Inbound;
import no.budstikke.intake.InputForm;
import no.budstikke.intake.IntakeReport;
import no.budstikke.intake.IntakeService;
import no.budstikke.reload.LiveConfig;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.DispatchGaps;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.Transactions;
import no.budstikke.testing.TestHub;

public final class DispatchBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> databases;
    private final List<Integer> groups;
    private final int n;
    private final int rounds;
    private final int repeatEvery;
    private final int warmup;
    private final int batch;
    private final long deadlineNanos;
    private final Path runDir;
    private final List<String> results = new ArrayList<>();
    private long dufCounter = 400_000_000_000L;
    private int idCounter;

    private DispatchBenchmark(Map<String, String> s, Path runDir) {
        this.databases = Arrays.stream(s.get("db").split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        this.groups = Arrays.stream(s.get("groups").split(",")).map(String::trim).map(Integer::parseInt).toList();
        this.n = positive(s, "n");
        this.rounds = positive(s, "rounds");
        this.repeatEvery = positive(s, "repeat-every");
        this.warmup = Integer.parseInt(s.get("warmup"));
        this.batch = positive(s, "batch");
        this.deadlineNanos = System.nanoTime() + Duration.ofSeconds(positive(s, "max-seconds")).toNanos();
        this.runDir = runDir;
        for (String db : databases) {
            if (!List.of("h2", "postgres").contains(db)) throw new IllegalArgumentException("unknown db: " + db);
        }
        if (groups.isEmpty() || groups.stream().anyMatch(g -> g < 1)) throw new IllegalArgumentException("groups must be positive");
    }

    static Map<String, String> settings(String[] args) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("db", "h2,postgres");
        d.put("groups", "1,50");        // group sizes, each timed on the same hub in turn
        d.put("n", "5000");             // events per group size and round
        d.put("rounds", "1");           // rounds, each timing every group size, alternately in the other order
        d.put("repeat-every", "10");    // every 10th event is a second report on an earlier case
        d.put("warmup", "1000");        // events dispatched per hub before measuring (largest group size)
        d.put("batch", "100");          // dispatchPending(batch), as budstikke.dispatch.batch-size
        d.put("max-seconds", "900");    // the whole run
        d.put("keep", "false");
        return BenchSupport.settings(d, args, null, null);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings(args);
        Path runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench")),
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("'dispatch-'yyyyMMdd-HHmmss-")));
        logHubTo(runDir.resolve("hub.log"));
        boolean ok;
        DispatchBenchmark bench = new DispatchBenchmark(settings, runDir);
        try {
            Runtime rt = Runtime.getRuntime();
            System.out.println("Budstikke dispatch groups benchmark  " + settings);
            System.out.printf(Locale.ROOT, "java %s, %d CPUs, max heap %d MiB; load average at the start: %s%n",
                    System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20, loadAverage());
            System.out.println("run folder (databases, hub.log): " + runDir.toAbsolutePath());
            ok = onEach(bench.databases, db -> db.equals("h2") ? onH2(runDir, "h2", "", bench::runOn) : onPostgres(runDir, bench::runOn));
        } finally {
            if (!Boolean.parseBoolean(settings.get("keep"))) deleteTree(runDir, "hub.log");
        }
        System.out.println();
        System.out.println("side by side:");
        bench.results.forEach(System.out::println);
        System.out.println("load average at the end: " + loadAverage());
        System.out.println(ok ? "RESULT ok: every event dispatched, the same notices per event for every group size"
                : "RESULT FAILED: see the lines marked FAIL above");
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    private boolean runOn(String database, Path dataDir, String dbUrl) throws Exception {
        Path pgData = runningPostgres();
        String db = database.split(" ")[0];
        System.out.println();
        System.out.println("=== " + database);
        Map<String, String> props = TestHub.defaults(dataDir, dbUrl);
        props.put("budstikke.intake.file.poll-ms", "1000"); // the shipped default, not the tests' 100 ms
        try (TestHub hub = TestHub.start(props)) {
            for (String route : CaseMemoryBenchmark.TIMER_ROUTES) hub.context().getRouteController().stopRoute(route);
            IntakeService intake = hub.bean("intakeService", IntakeService.class);
            DataSource ds = hub.bean("dataSource", DataSource.class);
            int largest = groups.stream().max(Integer::compare).orElseThrow();
            if (warmup > 0) {
                store(intake, events(warmup));
                long w0 = System.nanoTime();
                drain(service(hub, largest));
                System.out.printf(Locale.ROOT, "warm-up: %d events dispatched in %.1f s (group size %d)%n", warmup,
                        (System.nanoTime() - w0) / 1e9, largest);
            }
            if (pgData != null) {
                // Statistics, as autovacuum gathers them on a running database (see the case memory benchmark).
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.execute("ANALYZE");
                }
            }
            boolean ok = true;
            Double noticesPerEvent = null;
            Map<Integer, List<double[]>> rates = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                // Every other round the other way round: the machine's load and the JIT drift, and must not favour one size.
                List<Integer> order = new ArrayList<>(groups);
                if (round % 2 == 0) java.util.Collections.reverse(order);
                for (int group : order) {
                    if (System.nanoTime() > deadlineNanos) {
                        System.out.println("FAIL past max-seconds in round " + round);
                        return false;
                    }
                    store(intake, events(n));
                    long notices0 = count(ds, "SELECT COUNT(*) FROM notice");
                    DispatchService dispatch = service(hub, group);
                    Cpu.Sample cpu0 = Cpu.sample(pgData);
                    long t0 = System.nanoTime();
                    int done = drain(dispatch);
                    long wall = System.nanoTime() - t0;
                    String cpu = Cpu.sample(pgData).minus(cpu0, wall);
                    long notices = count(ds, "SELECT COUNT(*) FROM notice") - notices0;
                    double seconds = wall / 1e9;
                    rates.computeIfAbsent(group, g -> new ArrayList<>()).add(new double[] {done / seconds, notices / seconds});
                    System.out.printf(Locale.ROOT, "%-10s round=%d group=%-3d events=%d notices=%d wall=%.2f s  events/s=%.0f  notices/s=%.0f%n",
                            db, round, group, done, notices, seconds, done / seconds, notices / seconds);
                    System.out.println("           cpu: " + cpu);
                    if (done != n) {
                        System.out.printf(Locale.ROOT, "FAIL group=%d: %d of %d events dispatched%n", group, done, n);
                        ok = false;
                    }
                    double perEvent = notices / (double) n;
                    if (noticesPerEvent != null && Math.abs(perEvent - noticesPerEvent) > 1e-9) {
                        System.out.printf(Locale.ROOT, "FAIL group=%d: %.3f notices per event, %.3f in the first run%n", group,
                                perEvent, noticesPerEvent);
                        ok = false;
                    }
                    noticesPerEvent = perEvent;
                }
            }
            rates.forEach((group, r) -> results.add(String.format(Locale.ROOT,
                    "%-10s group=%-3d median of %d rounds: events/s=%.0f  notices/s=%.0f   (each round: events/s %s)", db, group,
                    r.size(), median(r, 0), median(r, 1), r.stream().map(x -> String.format(Locale.ROOT, "%.0f", x[0])).toList())));
            long waiting = count(ds, "SELECT COUNT(*) FROM inbound_event WHERE status <> 'DISPATCHED'");
            if (waiting != 0) {
                System.out.println("FAIL " + waiting + " events not DISPATCHED");
                ok = false;
            }
            return ok;
        }
    }

    private static double median(List<double[]> rates, int column) {
        double[] v = rates.stream().mapToDouble(x -> x[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The hub's dispatch, with its own stores and listeners, deciding {@code groupSize} events a transaction. */
    private static DispatchService service(TestHub hub, int groupSize) {
        Alerts alerts = hub.bean("alerts", Alerts.class);
        NoticeStore notices = hub.bean("noticeStore", NoticeStore.class);
        DispatchGaps gaps = hub.bean("dispatchGaps", DispatchGaps.class);
        LiveConfig live = hub.bean("liveConfig", LiveConfig.class);
        return new DispatchService(hub.bean("transactions", Transactions.class),
                () -> new DispatchService.Deciding(live.current().hash(), live.current().dispatcher()), notices, gaps,
                hub.bean("caseFiles", CaseFiles.class), hub.bean("hubClock", java.time.Clock.class),
                List.of(new UnmatchedReturns(alerts), new UnresolvedRecipients(alerts), new TertialReport(notices, gaps),
                        hub.bean("deadlineTracker", DeadlineTracker.class)),
                hub.bean("otherCentreHolds", OtherCentreHolds.class), groupSize);
    }

    /** Dispatches until nothing is pending, in the dispatch timer's batches; returns how many were dispatched. */
    private int drain(DispatchService dispatch) {
        int total = 0;
        for (int k; (k = dispatch.dispatchPending(batch)) > 0; ) {
            total += k;
            if (System.nanoTime() > deadlineNanos) break;
        }
        return total;
    }

    /** {@code count} missing-child reports; every repeat-every-th a second report on the case of the one before it. */
    private List<ObjectNode> events(int count) {
        List<ObjectNode> out = new ArrayList<>(count);
        String last = null;
        for (int i = 0; i < count; i++) {
            String duf = (i % repeatEvery == repeatEvery - 1 && last != null) ? last : Long.toString(++dufCounter);
            ObjectNode e = Fixtures.example("missing");
            Fixtures.set(e, "/id", "dispatch-bench-" + (++idCounter));
            Fixtures.set(e, "/data/person/dufNumber", duf);
            out.add(e);
            last = duf;
        }
        return out;
    }

    private static void store(IntakeService intake, List<ObjectNode> events) throws Exception {
        for (int i = 0; i < events.size(); i += 100) {
            List<ObjectNode> part = events.subList(i, Math.min(events.size(), i + 100));
            ArrayNode array = JSON.createArrayNode();
            part.forEach(array::add);
            IntakeReport r = intake.accept(new Inbound("http", "dispatch-benchmark", JSON.writeValueAsBytes(array), InputForm.BATCH,
                    Inbound.anySource()));
            if (r.count(EventOutcome.Outcome.STORED) != part.size()) {
                throw new IllegalStateException("intake stored " + r.count(EventOutcome.Outcome.STORED) + " of " + part.size() + " events");
            }
        }
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown (no /proc)";
        }
    }
}

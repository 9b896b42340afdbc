/*
 * Case memory benchmark: what replaying a case's history costs dispatch, by the length of the case.
 *
 * A program, not a test: the test suite never runs it. How to run it (from the project folder):
 *
 *   mvn -B -o -q -DskipTests test-compile dependency:build-classpath \
 *       -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *       no.budstikke.bench.CaseMemoryBenchmark [lengths=1,10,100,500] [db=h2,postgres] ...
 *
 * Dispatching an event locks its case, replays every dispatched event of the case twice (the case
 * as the event found it, and after it: CaseFiles.asFoundBy and CaseFiles.record read and parse
 * every payload), writes case_file and case_agreement and runs the listeners. Three parts:
 *
 *   replay   the pure CaseHistory.replay of L events (no database), alone and with the JSON parse
 *            of the L payloads that CaseFiles does before it: the CPU side of the cost;
 *   mixed    events/s that dispatch sustains for many short cases (2-8 events each), on one thread
 *            as the hub's dispatch timer runs, with the events already stored;
 *   length   wall and CPU time to dispatch one event of a case that already has L-1 (up to L+W-2)
 *            dispatched events, p50/p90/p99, for each L.
 *
 * The real hub runs (TestHub: camel-main, the real wiring, listeners and config) but its timers
 * are stopped, so that nothing else touches the database: events are stored through the hub's
 * IntakeService bean (untimed; intake has its own benchmark) and dispatched by calling its
 * DispatchService bean's dispatchPending directly, as the dispatch timer does. Notices are written
 * but not delivered (the deliver route is stopped too). On PostgreSQL the program runs ANALYZE after
 * the warm-up, as autovacuum would on a running database (analyze=false leaves the fresh database
 * without statistics, which makes the planner scan the whole notice table: see docs/benchmarks.md).
 *
 * Every case file is checked against what its events must give (appointments, open leave, open
 * disappearance, last mapping, last event, number of events), and every event must end DISPATCHED;
 * a miss prints FAIL and the program exits with status 1. Bounded: fixed numbers of events and a
 * deadline for the whole run (max-seconds); loopback only; stops by itself. The hub's log goes to
 * target/bench/<run>/hub.log; the rest of the run folder is removed unless keep=true.
 * See docs/benchmarks.md for the recorded results.
 */
package no.budstikke.bench;

import static no.budstikke.bench.BenchSupport.deleteTree;
import static no.budstikke.bench.BenchSupport.logHubTo;
import static no.budstikke.bench.BenchSupport.onEach;
import static no.budstikke.bench.BenchSupport.onH2;
import static no.budstikke.bench.BenchSupport.onPostgres;
import static no.budstikke.bench.BenchSupport.positive;
import static no.budstikke.bench.BenchSupport.runningPostgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import no.budstikke.bench.BenchSupport.Cpu;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.intake.EventKey;
import no.budstikke.intake.EventOutcome;
import no.budstikke.intake.Inbound;
import no.budstikke.intake.InputForm;
import no.budstikke.intake.IntakeReport;
import no.budstikke.intake.IntakeService;
import no.budstikke.model.CaseEvent;
import no.budstikke.model.CaseHistory;
import no.budstikke.store.EventState;
import no.budstikke.testing.TestHub;

public final class CaseMemoryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static final String ARRIVED = "no.udi.mot.resident.arrived.v1";
    static final String APPOINTMENT = "no.udi.duf.appointment.scheduled.v1";
    static final String MAPPING = "no.udi.mot.mapping.updated.v1";
    static final String LEAVE_APPLIED = "no.udi.mot.leave.applied.v1";
    static final String LEAVE_DECIDED = "no.udi.mot.leave.decided.v1";
    static final String MISSING = "no.udi.mot.resident.missing.v1";
    static final String RETURNED = "no.udi.mot.resident.returned.v1";
    /** After its arrival a case collects these, over and over: mostly appointments and mapping updates. */
    static final List<String> CYCLE = List.of(APPOINTMENT, MAPPING, APPOINTMENT, LEAVE_APPLIED, LEAVE_DECIDED, APPOINTMENT,
            MISSING, RETURNED);
    /** The hub's timers: stopped, so that only this program dispatches and nothing else writes. */
    static final List<String> TIMER_ROUTES = List.of("dispatch", "deliver", "delivery-metrics", "deadlines-watch", "schedules",
            "overdue-tasks", "tertial-schedule");
    /** As the dispatch timer takes them (budstikke.dispatch.batch-size). */
    static final int DISPATCH_BATCH = 100;

    private final List<String> databases;
    private final List<Integer> lengths;
    private final int samples;
    private final int windowPct;
    private final int mixedCases;
    private final int warmup;
    private final double replaySeconds;
    private final long deadlineNanos;
    private final boolean analyze;
    private final Path runDir;
    private long dufCounter = 310_000_000_000L;

    // the hub under measurement
    private IntakeService intake;
    private DispatchService dispatch;
    private DataSource ds;
    private Path pgData;

    private CaseMemoryBenchmark(Map<String, String> s, Path runDir) {
        this.databases = Arrays.stream(s.get("db").split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        this.lengths = Arrays.stream(s.get("lengths").split(",")).map(String::trim).map(Integer::parseInt).sorted().toList();
        this.samples = positive(s, "samples");
        this.windowPct = Integer.parseInt(s.get("window-pct"));
        this.mixedCases = positive(s, "mixed-cases");
        this.warmup = Integer.parseInt(s.get("warmup"));
        this.replaySeconds = Double.parseDouble(s.get("replay-seconds"));
        this.deadlineNanos = System.nanoTime() + Duration.ofSeconds(positive(s, "max-seconds")).toNanos();
        this.analyze = Boolean.parseBoolean(s.get("analyze"));
        this.runDir = runDir;
        for (String db : databases) {
            if (!List.of("h2", "postgres").contains(db)) throw new IllegalArgumentException("unknown db: " + db);
        }
        if (lengths.isEmpty() || lengths.get(0) < 1) throw new IllegalArgumentException("lengths must be positive");
    }

    static Map<String, String> settings(String[] args) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("db", "h2,postgres");
        d.put("lengths", "1,10,100,500");
        d.put("samples", "100");        // timed dispatches per length (at least)
        d.put("window-pct", "5");       // events timed per case: L * pct / 100 (at least 1)
        d.put("mixed-cases", "400");    // mixed stream: cases of 2-8 events (about 2,000 events)
        d.put("warmup", "1500");        // events dispatched per hub before measuring (the JIT is busy for a while)
        d.put("replay-seconds", "1");   // per length, pure replay
        d.put("max-seconds", "280");    // the whole run
        d.put("analyze", "true");       // PostgreSQL: ANALYZE after the warm-up
        d.put("keep", "false");
        return BenchSupport.settings(d, args, null, null);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings(args);
        Path runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench")),
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("'casememory-'yyyyMMdd-HHmmss-")));
        logHubTo(runDir.resolve("hub.log"));
        boolean ok = true;
        try {
            CaseMemoryBenchmark bench = new CaseMemoryBenchmark(settings, runDir);
            bench.printHeader(settings);
            ok &= bench.replay();
            ok &= onEach(bench.databases, db -> db.equals("h2") ? bench.runH2() : bench.runPostgres());
        } finally {
            if (!Boolean.parseBoolean(settings.get("keep"))) deleteTree(runDir, "hub.log");
        }
        System.out.println();
        System.out.println("load average at the end: " + loadAverage());
        System.out.println(ok ? "RESULT ok: every event dispatched, every case file as its events say"
                : "RESULT FAILED: see the lines marked FAIL above");
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    private void printHeader(Map<String, String> settings) {
        Runtime rt = Runtime.getRuntime();
        System.out.println("Budstikke case memory benchmark  " + settings);
        System.out.printf(Locale.ROOT, "java %s (%s), %d CPUs, max heap %d MiB; load average at the start: %s%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.availableProcessors(), rt.maxMemory() >> 20,
                loadAverage());
        System.out.println("long cases: arrived, then " + CYCLE.stream().map(t -> t.replaceAll("^no\\.udi\\.(mot|duf)\\.|\\.v1$", ""))
                .toList() + " repeated, one event a day; the hub's timers stopped, dispatch called directly on one thread");
        System.out.println("run folder (databases, hub.log): " + runDir.toAbsolutePath());
    }

    // --- replay, no database ------------------------------------------------------------------

    private boolean replay() {
        System.out.println();
        System.out.println("=== pure replay (CaseHistory.replay, no database; 'parse+replay' adds the JSON parse of every payload)");
        Map<Integer, List<String>> payloads = new LinkedHashMap<>();
        Map<Integer, List<CaseEvent>> parsed = new LinkedHashMap<>();
        for (int length : lengths) {
            Case c = new Case(nextDuf(), Instant.parse("2025-01-01T08:00:00Z"), Duration.ofDays(1));
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < length; i++) texts.add(c.next().toString());
            payloads.put(length, texts);
            parsed.put(length, caseEvents(texts));
        }
        // Warm-up: every length, both ways, so the JIT has compiled what is timed.
        long warmEnd = System.nanoTime() + (long) (replaySeconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            for (int length : lengths) {
                CaseHistory.replay("x", parsed.get(length));
                CaseHistory.replay("x", caseEvents(payloads.get(length)));
            }
        }
        boolean ok = true;
        for (int length : lengths) {
            Times alone = new Times();
            Times withParse = new Times();
            long end = System.nanoTime() + (long) (replaySeconds * 1e9 / 2);
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                CaseHistory.replay("x", parsed.get(length));
                alone.add(System.nanoTime() - t0);
            }
            end = System.nanoTime() + (long) (replaySeconds * 1e9 / 2);
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                CaseHistory.replay("x", caseEvents(payloads.get(length)));
                withParse.add(System.nanoTime() - t0);
            }
            int appointments = CaseHistory.replay("x", parsed.get(length)).orElseThrow().appointments().size();
            int expected = (int) payloads.get(length).stream().filter(p -> p.contains(APPOINTMENT)).count();
            if (appointments != expected) {
                System.out.printf(Locale.ROOT, "FAIL replay L=%d: %d appointments, expected %d%n", length, appointments, expected);
                ok = false;
            }
            System.out.printf(Locale.ROOT, "replay   L=%-4d replay µs p50=%.1f p99=%.1f (%.2f per event, n=%d)   "
                            + "parse+replay µs p50=%.1f p99=%.1f (%.2f per event, n=%d)%n",
                    length, alone.p(50) / 1e3, alone.p(99) / 1e3, alone.p(50) / 1e3 / length, alone.size(),
                    withParse.p(50) / 1e3, withParse.p(99) / 1e3, withParse.p(50) / 1e3 / length, withParse.size());
        }
        return ok;
    }

    /** As CaseFiles reads them: each payload parsed, its data taken; no offices told (that needs notices). */
    private static List<CaseEvent> caseEvents(List<String> payloads) {
        List<CaseEvent> out = new ArrayList<>(payloads.size());
        long seq = 0;
        for (String p : payloads) {
            JsonNode e = read(p);
            out.add(new CaseEvent(e.path("id").asText(), e.path("type").asText(), Instant.parse(e.path("time").asText()), ++seq,
                    e.path("data"), List.of()));
        }
        return out;
    }

    // --- databases ----------------------------------------------------------------------------

    private boolean runH2() throws Exception {
        return onH2(runDir, "h2", "", this::runOn);
    }

    private boolean runPostgres() throws Exception {
        return onPostgres(runDir, this::runOn);
    }

    private boolean runOn(String database, Path dataDir, String dbUrl) throws Exception {
        pgData = runningPostgres();
        System.out.println();
        System.out.println("=== " + database);
        String db = database.split(" ")[0];
        Map<String, String> props = TestHub.defaults(dataDir, dbUrl);
        props.put("budstikke.intake.file.poll-ms", "1000"); // the shipped default, not the tests' 100 ms
        long t0 = System.nanoTime();
        try (TestHub hub = TestHub.start(props)) {
            for (String route : TIMER_ROUTES) {
                if (hub.context().getRoute(route) == null) throw new IllegalStateException("the hub has no route " + route);
                hub.context().getRouteController().stopRoute(route);
            }
            intake = bean(hub, "intakeService", IntakeService.class);
            dispatch = bean(hub, "dispatchService", DispatchService.class);
            ds = bean(hub, "dataSource", DataSource.class);
            System.out.printf(Locale.ROOT, "hub started in %.1f s; timers stopped: %s%n", (System.nanoTime() - t0) / 1e9, TIMER_ROUTES);

            boolean ok = true;
            if (warmup > 0) {
                List<Case> cases = mixed(new Random(1), Math.max(1, warmup / 5), Instant.now().minus(Duration.ofDays(60)));
                int n = cases.stream().mapToInt(c -> c.count).sum();
                long w0 = System.nanoTime();
                drain();
                System.out.printf(Locale.ROOT, "warm-up: %d events of %d cases dispatched in %.1f s%n", n, cases.size(),
                        (System.nanoTime() - w0) / 1e9);
                ok &= check("warm-up", cases);
            }
            if (pgData != null && analyze) {
                // Statistics, as autovacuum gathers them on a running database within a minute or so: without them the
                // planner scans the whole notice table for each case's notices (see docs/benchmarks.md).
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.execute("ANALYZE");
                }
                System.out.println("ANALYZE run after the warm-up");
            }
            ok &= mixedStream(db);
            for (int length : lengths) {
                if (pastDeadline("length " + length)) return false;
                ok &= length(db, length);
            }
            ok &= statuses();
            if (pgData != null) System.out.println("full table scans (PostgreSQL's count since start): " + seqScans());
            return ok;
        }
    }

    // --- mixed stream -------------------------------------------------------------------------

    private boolean mixedStream(String db) throws Exception {
        List<Case> cases = mixed(new Random(2), mixedCases, Instant.now().minus(Duration.ofDays(30)));
        int events = cases.stream().mapToInt(c -> c.count).sum();
        Cpu.Sample cpu0 = Cpu.sample(pgData);
        long jvm0 = Cpu.ticks(ProcessHandle.current().pid());
        long pg0 = Cpu.ticks(Cpu.postmasterPid(pgData));
        long jit0 = jitTicks();
        long t0 = System.nanoTime();
        int done = drain();
        long wall = System.nanoTime() - t0;
        String cpu = Cpu.sample(pgData).minus(cpu0, wall);
        double jvmMs = (Cpu.ticks(ProcessHandle.current().pid()) - jvm0) * Cpu.NANOS_PER_TICK / 1e6 / events;
        double pgMs = (Cpu.ticks(Cpu.postmasterPid(pgData)) - pg0) * Cpu.NANOS_PER_TICK / 1e6 / events;
        double jitMs = (jitTicks() - jit0) * Cpu.NANOS_PER_TICK / 1e6 / events;
        System.out.printf(Locale.ROOT, "mixed    db=%s cases=%d events=%d (2-8 per case) dispatched=%d wall=%.2f s  events/s=%.0f  "
                        + "ms per event=%.2f  cpu ms per event: this JVM %.2f (of which JIT compiling %.2f)%s%n",
                db, cases.size(), events, done, wall / 1e9, done / (wall / 1e9), wall / 1e6 / Math.max(1, done), jvmMs, jitMs,
                pgData == null ? "" : String.format(Locale.ROOT, ", PostgreSQL %.2f", pgMs));
        System.out.println("         cpu: " + cpu + jit(jit0, wall));
        boolean ok = true;
        if (done != events) {
            System.out.printf(Locale.ROOT, "FAIL mixed: %d of %d events dispatched%n", done, events);
            ok = false;
        }
        return ok & check("mixed", cases);
    }

    /** Stores {@code count} cases of 2-8 events, interleaved as they would arrive; returns them. */
    private List<Case> mixed(Random random, int count, Instant start) throws Exception {
        List<Case> cases = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(new Case(nextDuf(), start.plus(Duration.ofMinutes(i)), Duration.ofHours(6)));
            sizes.add(2 + random.nextInt(7));
        }
        List<ObjectNode> events = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < count; i++) if (round < sizes.get(i)) events.add(cases.get(i).next());
        }
        store(events);
        return cases;
    }

    // --- one event of a case of length L ------------------------------------------------------

    private boolean length(String db, int length) throws Exception {
        int window = Math.max(1, length * windowPct / 100);
        int caseCount = (samples + window - 1) / window;
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(length + window + 1L));
        List<Case> cases = new ArrayList<>();
        List<ObjectNode> prefix = new ArrayList<>();
        for (int i = 0; i < caseCount; i++) {
            Case c = new Case(nextDuf(), start.plus(Duration.ofMinutes(i)), Duration.ofDays(1));
            cases.add(c);
            for (int e = 1; e < length; e++) prefix.add(c.next());
        }
        Cpu.Sample cpu0 = Cpu.sample(pgData);
        long jit0 = jitTicks();
        long p0 = System.nanoTime();
        store(prefix);
        drain();
        long prefixNanos = System.nanoTime() - p0;

        Times wall = new Times();
        Times cpu = new Times();
        Times read = new Times();
        long pgTicks = 0;
        boolean ok = true;
        for (Case c : cases) {
            long pg0 = Cpu.ticks(Cpu.postmasterPid(pgData));
            for (int w = 0; w < window; w++) {
                store(List.of(c.next()));
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                int n = dispatch.dispatchPending(1);
                wall.add(System.nanoTime() - t0);
                cpu.add(THREADS.getCurrentThreadCpuTime() - c0);
                if (n != 1) {
                    System.out.printf(Locale.ROOT, "FAIL length L=%d: event %d of a case not dispatched%n", length, c.count);
                    ok = false;
                }
            }
            pgTicks += Cpu.ticks(Cpu.postmasterPid(pgData)) - pg0;
            // What reading the case costs the database, without the parse: the query CaseFiles runs (twice per event).
            for (int r = 0; r < 3; r++) read.add(readCase(c.duf));
            if (pastDeadline("length " + length)) return false;
        }
        long phase = System.nanoTime() - p0;
        String machine = Cpu.sample(pgData).minus(cpu0, phase) + jit(jit0, phase);
        System.out.printf(Locale.ROOT, "length   db=%s L=%-4d cases=%d × events %d-%d = %d timed (%d events dispatched first in %.1f s)%n",
                db, length, caseCount, length, length + window - 1, wall.size(), prefix.size(), prefixNanos / 1e9);
        System.out.printf(Locale.ROOT, "         dispatch ms p50=%.2f p90=%.2f p99=%.2f max=%.2f   cpu ms (dispatching thread) p50=%.2f p99=%.2f%s   "
                        + "read the case's rows ms p50=%.2f%n",
                wall.p(50) / 1e6, wall.p(90) / 1e6, wall.p(99) / 1e6, wall.p(100) / 1e6, cpu.p(50) / 1e6, cpu.p(99) / 1e6,
                pgData == null ? "" : String.format(Locale.ROOT, ", PostgreSQL mean %.2f", pgTicks * Cpu.NANOS_PER_TICK / 1e6 / wall.size()),
                read.p(50) / 1e6);
        System.out.println("         cpu: " + machine);
        return ok & check("length " + length, cases);
    }

    /** The statement CaseFiles.events runs, payloads fetched as text and not parsed; nanoseconds. */
    private long readCase(String duf) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT event_key, type, event_time, seq, payload FROM inbound_event
                WHERE duf_number = ? AND (status = 'DISPATCHED' OR event_key = ?)""")) {
            ps.setString(1, duf);
            ps.setString(2, "none");
            long t0 = System.nanoTime();
            long chars = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) chars += rs.getString(5).length();
            }
            long t = System.nanoTime() - t0;
            if (chars == 0) throw new IllegalStateException("no rows for a case");
            return t;
        }
    }

    // --- the hub: store, dispatch, check ------------------------------------------------------

    private void store(List<ObjectNode> events) throws Exception {
        for (int i = 0; i < events.size(); i += 100) {
            List<ObjectNode> part = events.subList(i, Math.min(events.size(), i + 100));
            ArrayNode batch = JSON.createArrayNode();
            part.forEach(batch::add);
            IntakeReport r = intake.accept(new Inbound("http", "case-memory-benchmark", JSON.writeValueAsBytes(batch), InputForm.BATCH,
                    Inbound.anySource()));
            if (r.count(EventOutcome.Outcome.STORED) != part.size()) {
                throw new IllegalStateException("intake stored " + r.count(EventOutcome.Outcome.STORED) + " of " + part.size()
                        + " events: " + r.events().stream().filter(e -> e.outcome() != EventOutcome.Outcome.STORED)
                        .map(e -> e.outcome() + " " + e.violations()).toList());
            }
        }
    }

    /** Dispatches until nothing is pending, in the dispatch timer's batches; returns how many were dispatched. */
    private int drain() {
        int total = 0;
        for (int n; (n = dispatch.dispatchPending(DISPATCH_BATCH)) > 0; ) {
            total += n;
            if (pastDeadline("dispatch")) break;
        }
        return total;
    }

    /** Each case's stored file against what its events must give. */
    private boolean check(String part, List<Case> cases) throws Exception {
        List<String> misses = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement state = c.prepareStatement("SELECT state FROM case_file WHERE duf_number = ?");
             PreparedStatement count = c.prepareStatement(
                     "SELECT COUNT(*) FROM inbound_event WHERE duf_number = ? AND status = '" + EventState.DISPATCHED.name() + "'")) {
            for (int i = 0; i < cases.size(); i++) {
                Case k = cases.get(i);
                state.setString(1, k.duf);
                JsonNode f;
                try (ResultSet rs = state.executeQuery()) {
                    if (!rs.next()) {
                        misses.add("case " + i + ": no case file");
                        continue;
                    }
                    f = read(rs.getString(1));
                }
                count.setString(1, k.duf);
                long dispatched;
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    dispatched = rs.getLong(1);
                }
                List<String> wrong = new ArrayList<>();
                if (dispatched != k.count) wrong.add("events dispatched " + dispatched + " of " + k.count);
                if (f.path("appointments").size() != k.appointments) {
                    wrong.add("appointments " + f.path("appointments").size() + " not " + k.appointments);
                }
                if (f.path("pendingLeaves").size() != (k.openLeave == null ? 0 : 1)) wrong.add("pending leaves " + f.path("pendingLeaves"));
                if (f.path("openEpisodes").size() != (k.missing ? 1 : 0)) wrong.add("open episodes " + f.path("openEpisodes").size());
                if (!f.path("lastEventKey").asText().equals(k.lastKey)) wrong.add("last event is not the case's newest");
                if (!f.path("lastMapping").path("eventKey").asText("").equals(k.lastMappingKey == null ? "" : k.lastMappingKey)) {
                    wrong.add("last mapping is not the case's newest");
                }
                if (!wrong.isEmpty()) misses.add("case " + i + " (" + k.count + " events): " + wrong);
            }
        }
        if (misses.isEmpty()) return true;
        System.out.println("FAIL " + part + ": " + misses.size() + " of " + cases.size() + " case files wrong, e.g. "
                + misses.subList(0, Math.min(3, misses.size())));
        return false;
    }

    /** Every event stored must end DISPATCHED. */
    private boolean statuses() throws Exception {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM inbound_event GROUP BY status ORDER BY status")) {
            while (rs.next()) byStatus.put(rs.getString(1), rs.getLong(2));
        }
        boolean ok = byStatus.keySet().equals(Set.of(EventState.DISPATCHED.name()));
        System.out.println((ok ? "check ok: events by status " : "FAIL events by status ") + byStatus);
        return ok;
    }

    /** The tables PostgreSQL read whole, most rows first: a plan without an index shows here. */
    private String seqScans() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT relname, seq_scan, seq_tup_read FROM pg_stat_user_tables
                WHERE seq_scan > 0 AND relname <> 'flyway_schema_history' ORDER BY seq_tup_read DESC LIMIT 3""")) {
            while (rs.next()) out.add(rs.getString(1) + " " + rs.getLong(2) + " scans, " + rs.getLong(3) + " rows");
        }
        return out.isEmpty() ? "none" : String.join("; ", out);
    }

    private boolean pastDeadline(String what) {
        if (System.nanoTime() < deadlineNanos) return false;
        System.out.println("FAIL the run's deadline (max-seconds) passed during: " + what);
        return true;
    }

    private String nextDuf() {
        return Long.toString(dufCounter++);
    }

    private static <T> T bean(TestHub hub, String name, Class<T> type) {
        T b = hub.bean(name, type);
        if (b == null) throw new IllegalStateException("the hub has no '" + name + "' bean");
        return b;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jit(long jit0, long wallNanos) {
        return String.format(Locale.ROOT, "; JIT compiler %.2f", (jitTicks() - jit0) * Cpu.NANOS_PER_TICK / (double) wallNanos);
    }

    /**
     * CPU ticks of this JVM's JIT compiler threads (Linux; 0 elsewhere). On 2 cores the compiler
     * competes with the hub; a phase with much of it was not yet at steady state.
     */
    static long jitTicks() {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1);
                    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) continue;
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (java.io.IOException | RuntimeException noProc) {
            return 0;
        }
        return sum;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown (no /proc)";
        }
    }

    /**
     * One person's case, made from the valid fixtures: arrived, then {@link #CYCLE} over and over,
     * each event with an id of its own and a time {@code step} after the last; it knows what its case
     * file must then say.
     */
    static final class Case {
        final String duf;
        final Instant start;
        final Duration step;
        int count;
        int appointments;
        String openLeave;
        boolean missing;
        String lastKey;
        String lastMappingKey;

        Case(String duf, Instant start, Duration step) {
            this.duf = duf;
            this.start = start.truncatedTo(ChronoUnit.SECONDS);
            this.step = step;
        }

        ObjectNode next() {
            count++;
            String type = count == 1 ? ARRIVED : CYCLE.get((count - 2) % CYCLE.size());
            Instant t = start.plus(step.multipliedBy(count - 1L));
            ObjectNode e = Fixtures.valid(type);
            String id = "cm-" + duf + "-" + count;
            e.put("id", id).put("time", t.toString());
            ObjectNode data = (ObjectNode) e.get("data");
            ((ObjectNode) data.get("person")).put("dufNumber", duf);
            String key = EventKey.of(e.get("source").asText(), id);
            switch (type) {
                case ARRIVED -> data.put("arrivedAt", t.toString());
                case APPOINTMENT -> {
                    data.put("kind", appointments % 2 == 0 ? "asylum_interview" : "age_assessment");
                    data.put("at", t.plus(Duration.ofDays(14)).toString());
                    appointments++;
                }
                case MAPPING -> {
                    data.put("newInformation", count % 3 == 0);
                    lastMappingKey = key;
                }
                case LEAVE_APPLIED -> {
                    openLeave = "L-" + count;
                    data.put("leaveId", openLeave);
                    data.put("from", t.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(7).toString());
                    data.put("to", t.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(10).toString());
                }
                case LEAVE_DECIDED -> {
                    data.put("leaveId", openLeave);
                    openLeave = null;
                }
                case MISSING -> {
                    data.put("missingSince", t.toString());
                    missing = true;
                }
                case RETURNED -> {
                    data.put("returnedAt", t.toString());
                    missing = false;
                }
                default -> throw new IllegalStateException(type);
            }
            lastKey = key;
            return e;
        }
    }

    /** Durations in nanoseconds; nearest-rank percentiles. */
    static final class Times {
        private long[] values = new long[1024];
        private int size;
        private boolean sorted;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
            sorted = false;
        }

        int size() {
            return size;
        }

        double p(double percentile) {
            if (size == 0) return Double.NaN;
            if (!sorted) {
                Arrays.sort(values, 0, size);
                sorted = true;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * size);
            return values[Math.max(0, Math.min(size, rank) - 1)];
        }
    }
}

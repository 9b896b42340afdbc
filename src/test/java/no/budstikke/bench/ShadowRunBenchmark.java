/*
 * Shadow run benchmark: how fast `explain --replay` decides stored events again and compares them.
 *
 * A program, not a test: the test suite never runs it. How to run it (from the project folder):
 *
 *   mvn -B -o -q -DskipTests test-compile dependency:build-classpath \
 *       -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   java -Xmx512m -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *       no.budstikke.bench.ShadowRunBenchmark [n=100000] [db=h2,postgres] ...
 *
 * For each database the real hub (TestHub, timers stopped, as in CaseMemoryBenchmark) stores a base
 * of short cases (2-8 events each: arrival, appointments, mapping updates, leave, disappearance and
 * return) through its intakeService bean and dispatches them with its dispatchService bean, so
 * that events, notices and case histories are what the hub writes. Dispatching 100,000 events that
 * way would take minutes per database, so the base is then copied until the database holds n
 * dispatched events: each copy a set of new cases (own event keys and DUF numbers, the notices
 * under the ids dispatch would give them, same payloads and contents), written in one transaction
 * per copy. On PostgreSQL the program runs ANALYZE after the copy, as autovacuum would.
 *
 * Then, with the hub stopped, it runs the command as ops do (ReplayCommand: the candidate folder
 * checked, the database opened read-only from the hub's settings) twice: with the shipped config
 * unchanged, which must report no difference at all, and with a policy change that gives the
 * school one more field on arrival, which must report exactly that office and pointer for every
 * arrival. Either check failing prints FAIL and the program exits with status 1. Printed: wall time
 * and events/s of each run (config check and database open included), and the heap in use after.
 * Bounded: fixed numbers of events and a deadline (max-seconds); loopback only; stops by itself.
 * See docs/benchmarks.md for the recorded results.
 */
package no.budstikke.bench;

import static no.budstikke.bench.BenchSupport.deleteTree;
import static no.budstikke.bench.BenchSupport.logHubTo;
import static no.budstikke.bench.BenchSupport.onEach;
import static no.budstikke.bench.BenchSupport.onH2;
import static no.budstikke.bench.BenchSupport.onPostgres;
import static no.budstikke.bench.BenchSupport.positive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.explain.ReplayCommand;
import no.budstikke.intake.EventOutcome;
import no.budstikke.intake.Inbound;
import no.budstikke.intake.InputForm;
import no.budstikke.intake.IntakeReport;
import no.budstikke.intake.IntakeService;
import no.budstikke.model.NoticeId;
import no.budstikke.testing.TestHub;

public final class ShadowRunBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_COLUMNS = "event_key, source, event_id, type, event_time, received_at, channel, origin, "
            + "duf_number, payload_sha256, payload, status, status_changed_at";
    private static final String NOTICE_COLUMNS = "notice_id, event_key, duty, is_copy, kind, priority, priority_rank, role, office_id, "
            + "channel, address, purpose, legal_basis, content, removed_fields, flags, status, created_at, status_changed_at, "
            + "office_name, duf_number";

    private final List<String> databases;
    private final int n;
    private final int baseCases;
    private final long deadlineNanos;
    private final Path runDir;
    private long dufCounter = 310_000_000_000L;

    private ShadowRunBenchmark(Map<String, String> s, Path runDir) {
        this.databases = Arrays.stream(s.get("db").split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        this.n = positive(s, "n");
        this.baseCases = positive(s, "base-cases");
        this.deadlineNanos = System.nanoTime() + Duration.ofSeconds(positive(s, "max-seconds")).toNanos();
        this.runDir = runDir;
        for (String db : databases) {
            if (!List.of("h2", "postgres").contains(db)) throw new IllegalArgumentException("unknown db: " + db);
        }
    }

    static Map<String, String> settings(String[] args) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("db", "h2,postgres");
        d.put("n", "100000");          // dispatched events in the database
        d.put("base-cases", "400");    // cases of 2-8 events stored and dispatched by the hub (about 2,000 events)
        d.put("max-seconds", "900");   // the whole run
        d.put("keep", "false");
        return BenchSupport.settings(d, args, null, null);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings(args);
        Path runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench")),
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("'shadowrun-'yyyyMMdd-HHmmss-")));
        logHubTo(runDir.resolve("hub.log"));
        boolean ok;
        try {
            ShadowRunBenchmark bench = new ShadowRunBenchmark(settings, runDir);
            Runtime rt = Runtime.getRuntime();
            System.out.println("Budstikke shadow run benchmark  " + settings);
            System.out.printf(Locale.ROOT, "java %s, %d CPUs, max heap %d MiB; load average at the start: %s%n",
                    System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20, loadAverage());
            ok = onEach(bench.databases, db -> db.equals("h2") ? onH2(runDir, "h2", "", bench::runOn) : onPostgres(runDir, bench::runOn));
        } finally {
            if (!Boolean.parseBoolean(settings.get("keep"))) deleteTree(runDir, "hub.log");
        }
        System.out.println();
        System.out.println("load average at the end: " + loadAverage());
        System.out.println(ok ? "RESULT ok: no difference with the shipped config, exactly the policy change with the candidate"
                : "RESULT FAILED: see the lines marked FAIL above");
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    private boolean runOn(String database, Path dataDir, String dbUrl) throws Exception {
        System.out.println();
        System.out.println("=== " + database);
        Map<String, String> props = TestHub.defaults(dataDir, dbUrl);
        long arrivals;
        long total;
        try (TestHub hub = TestHub.start(props)) {
            for (String route : CaseMemoryBenchmark.TIMER_ROUTES) hub.context().getRouteController().stopRoute(route);
            IntakeService intake = bean(hub, "intakeService", IntakeService.class);
            DispatchService dispatch = bean(hub, "dispatchService", DispatchService.class);
            DataSource ds = bean(hub, "dataSource", DataSource.class);

            long t0 = System.nanoTime();
            int base = storeBase(intake);
            int dispatched = 0;
            for (int k; (k = dispatch.dispatchPending(CaseMemoryBenchmark.DISPATCH_BATCH)) > 0; ) {
                dispatched += k;
                if (System.nanoTime() > deadlineNanos) throw new IllegalStateException("past max-seconds while dispatching");
            }
            if (dispatched != base) {
                System.out.println("FAIL the hub dispatched " + dispatched + " of " + base + " events");
                return false;
            }
            System.out.printf(Locale.ROOT, "base: %d events of %d cases stored and dispatched by the hub in %.1f s%n", base, baseCases,
                    (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            int copies = copy(ds, base);
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                if (dbUrl.startsWith("jdbc:postgresql")) st.execute("ANALYZE");
                total = count(st, "SELECT COUNT(*) FROM inbound_event WHERE status = 'DISPATCHED'");
                arrivals = count(st, "SELECT COUNT(*) FROM inbound_event WHERE type = '" + CaseMemoryBenchmark.ARRIVED + "'");
                System.out.printf(Locale.ROOT, "copied %d times in %.1f s: %d dispatched events, %d notices%s%n", copies,
                        (System.nanoTime() - t1) / 1e9, total, count(st, "SELECT COUNT(*) FROM notice"),
                        dbUrl.startsWith("jdbc:postgresql") ? "; ANALYZE run" : "");
            }
        }

        Path hubProperties = Files.writeString(runDir.resolve("hub.properties"),
                "budstikke.data.dir = " + dataDir + "\nbudstikke.db.url = " + dbUrl + "\n");
        Path candidate = copyOfConfig(runDir.resolve("candidate"));
        Path policies = candidate.resolve("disclosure-policies.yaml");
        String text = Files.readString(policies);
        String from = "      - /data/person/languages\n      - /data/centre\n      - /data/arrivedAt\n";
        if (text.indexOf(from) < 0 || text.indexOf(from) != text.lastIndexOf(from)) throw new IllegalStateException("policy to change not found");
        Files.writeString(policies, text.replace(from, "      - /data/person/languages\n      - /data/person/nationality\n"
                + "      - /data/centre\n      - /data/arrivedAt\n"));

        boolean ok = true;
        JsonNode same = timed("unchanged config", hubProperties, Path.of("config"), total);
        if (same == null || same.path("eventsChanged").asLong() != 0 || same.path("events").asLong() != total) {
            System.out.println("FAIL the shipped config must decide every event as the hub did: " + summary(same));
            ok = false;
        }
        JsonNode changed = timed("policy change", hubProperties, candidate, total);
        // Every arrival tells the school of its centre (O3): one office, one pointer, every arrival.
        String expected = "one office, /data/person/nationality, " + arrivals + " events, nothing else";
        JsonNode disclosed = changed == null ? null : changed.path("fieldsDisclosed");
        if (changed == null || disclosed.size() != 1 || !disclosed.get(0).path("pointer").asText().equals("/data/person/nationality")
                || disclosed.get(0).path("events").asLong() != arrivals || changed.path("eventsChanged").asLong() != arrivals
                || changed.path("noticesAdded").size() + changed.path("noticesDropped").size() + changed.path("prioritiesChanged").size()
                + changed.path("fieldsRemoved").size() != 0) {
            System.out.println("FAIL the candidate must newly disclose exactly " + expected + ": " + summary(changed));
            ok = false;
        }
        deleteTree(candidate, null);
        return ok;
    }

    /** Runs the command as ops do; prints wall time, events/s and the heap in use. */
    private JsonNode timed(String label, Path hubProperties, Path candidate, long total) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.gc();
        long t0 = System.nanoTime();
        int status = ReplayCommand.run(List.of("--replay", "--config", candidate.toString(), "--json"), hubProperties,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        long heapMiB = (rt.totalMemory() - rt.freeMemory()) >> 20;
        if (status != 0) {
            System.out.println("FAIL " + label + ": exit " + status + ": " + err.toString(StandardCharsets.UTF_8).trim());
            return null;
        }
        JsonNode doc = JSON.readTree(out.toByteArray());
        System.out.printf(Locale.ROOT, "shadow run, %-16s events=%d wall=%.1f s  events/s=%,.0f  changed=%d  heap in use after=%d MiB%n",
                label + ":", doc.path("events").asLong(), seconds, doc.path("events").asLong() / seconds,
                doc.path("eventsChanged").asLong(), heapMiB);
        return doc;
    }

    private static String summary(JsonNode doc) {
        if (doc == null) return "no report";
        ObjectNode s = doc.deepCopy();
        s.remove("candidate");
        String t = s.toString();
        return t.length() > 600 ? t.substring(0, 600) + "..." : t;
    }

    /** Short cases, interleaved as they arrive; returns how many events were stored. */
    private int storeBase(IntakeService intake) throws Exception {
        Random random = new Random(1);
        Instant start = Instant.now().minus(Duration.ofDays(30));
        List<CaseMemoryBenchmark.Case> cases = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < baseCases; i++) {
            cases.add(new CaseMemoryBenchmark.Case(Long.toString(dufCounter++), start.plus(Duration.ofMinutes(i)), Duration.ofHours(6)));
            sizes.add(2 + random.nextInt(7));
        }
        List<ObjectNode> events = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < baseCases; i++) if (round < sizes.get(i)) events.add(cases.get(i).next());
        }
        for (int i = 0; i < events.size(); i += 100) {
            List<ObjectNode> part = events.subList(i, Math.min(events.size(), i + 100));
            ArrayNode batch = JSON.createArrayNode();
            part.forEach(batch::add);
            IntakeReport r = intake.accept(new Inbound("http", "shadow-run-benchmark", JSON.writeValueAsBytes(batch), InputForm.BATCH,
                    Inbound.anySource()));
            if (r.count(EventOutcome.Outcome.STORED) != part.size()) throw new IllegalStateException("intake did not store every event");
        }
        return events.size();
    }

    /**
     * Copies the dispatched base until the database holds at least n events: each copy new cases
     * (keys and DUF numbers of their own; the copy's number prefixes both, which no hub key or base
     * DUF number starts with) and the notices under the ids dispatch would give them.
     */
    private int copy(DataSource ds, int base) throws Exception {
        int copies = (n + base - 1) / base - 1;
        try (Connection c = ds.getConnection()) {
            List<Object[]> events = rows(c, "SELECT " + EVENT_COLUMNS + " FROM inbound_event ORDER BY seq", 13);
            List<Object[]> notices = rows(c, "SELECT " + NOTICE_COLUMNS + " FROM notice n WHERE EXISTS "
                    + "(SELECT 1 FROM inbound_event e WHERE e.event_key = n.event_key)", 21);
            c.setAutoCommit(false);
            String eventMarks = String.join(", ", java.util.Collections.nCopies(13, "?"));
            String noticeMarks = String.join(", ", java.util.Collections.nCopies(21, "?"));
            for (int copy = 1; copy <= copies; copy++) {
                String prefix = String.format(Locale.ROOT, "x%03d", copy);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbound_event (" + EVENT_COLUMNS + ") VALUES (" + eventMarks + ")")) {
                    for (Object[] e : events) {
                        Object[] row = e.clone();
                        row[0] = prefix + ((String) e[0]).substring(prefix.length());
                        row[2] = e[2] + "-" + prefix;
                        row[8] = e[8] == null ? null : String.format(Locale.ROOT, "%03d", copy) + ((String) e[8]).substring(3);
                        bind(ps, row);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO notice (" + NOTICE_COLUMNS + ") VALUES (" + noticeMarks + ")")) {
                    for (Object[] nr : notices) {
                        Object[] row = nr.clone();
                        String eventKey = prefix + ((String) nr[1]).substring(prefix.length());
                        boolean dispatchId = nr[0].equals(NoticeId.of((String) nr[1], (String) nr[2], (String) nr[8], (Boolean) nr[3]));
                        row[1] = eventKey;
                        // Dispatch's own notices under the id it would give them; the hub's alerts keep ids of their own kind.
                        row[0] = dispatchId ? NoticeId.of(eventKey, (String) nr[2], (String) nr[8], (Boolean) nr[3])
                                : NoticeId.of(eventKey, "alert|" + nr[0], (String) nr[8], false);
                        row[20] = nr[20] == null ? null : String.format(Locale.ROOT, "%03d", copy) + ((String) nr[20]).substring(3);
                        bind(ps, row);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                if (System.nanoTime() > deadlineNanos) throw new IllegalStateException("past max-seconds while copying");
            }
            c.setAutoCommit(true);
        }
        return copies;
    }

    private static List<Object[]> rows(Connection c, String sql, int columns) throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    Object v = rs.getObject(i + 1);
                    row[i] = v instanceof java.sql.Timestamp || v instanceof java.time.OffsetDateTime
                            ? rs.getObject(i + 1, java.time.OffsetDateTime.class) : v;
                }
                out.add(row);
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, Object[] row) throws Exception {
        for (int i = 0; i < row.length; i++) ps.setObject(i + 1, row[i]);
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Path copyOfConfig(Path target) throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("config"))) {
            for (Path f : files.toList()) {
                Path t = target.resolve(Path.of("config").relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
        return target;
    }

    private static <T> T bean(TestHub hub, String name, Class<T> type) {
        T b = hub.bean(name, type);
        if (b == null) throw new IllegalStateException("the hub has no '" + name + "' bean");
        return b;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown (no /proc)";
        }
    }
}

/*
 * Intake benchmark: how fast the real hub acknowledges (202, after the commit) events posted to
 * POST /api/v1/events, on the embedded H2 file database and on PostgreSQL with fsync on.
 *
 * A program, not a test: the test suite never runs it. How to run it (from the project folder):
 *
 *   mvn -q -DskipTests test-compile dependency:build-classpath \
 *       -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 *   java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *       no.budstikke.bench.IntakeBenchmark [n=5000] [k=8] [warmup=1000] [batch=100] [db=h2,postgres]
 *
 * db is a comma-separated list of h2 (the hub's embedded default), postgres (fsync on) and
 * h2-write-delay-0 (H2 writing at each commit; not run unless asked for).
 *
 * Every setting can also be given as a system property (-Dbench.n=5000, -Dbench.k=8, ...);
 * arguments win. See docs/benchmarks.md for what each figure means and the recorded results.
 *
 * Bounded: N events per run, a deadline per phase (max-seconds, default 60) after which no
 * new request is sent, a 30 s timeout per request; everything runs on loopback and stops by itself.
 * The hub's own log goes to target/bench/<run>/hub.log so that stdout carries only the figures;
 * the databases are removed after each run (keep=true keeps the H2 files).
 */
package no.budstikke.bench;

import static no.budstikke.bench.BenchSupport.onEach;
import static no.budstikke.bench.BenchSupport.onH2;
import static no.budstikke.bench.BenchSupport.onPostgres;
import static no.budstikke.bench.BenchSupport.runningPostgres;
import static no.budstikke.bench.BenchSupport.deleteTree;
import static no.budstikke.bench.BenchSupport.logHubTo;
import static no.budstikke.bench.BenchSupport.one;
import static no.budstikke.bench.BenchSupport.positive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.budstikke.bench.BenchSupport.Cpu;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import no.budstikke.testing.TestHub;

public final class IntakeBenchmark {

    private static final String SINGLE = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";
    private static final String CENTRE_SOURCE_PREFIX = "urn:no:udi:mot:centre:";
    private static final Path EVENTS_DIR = Path.of("examples/events");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int n;
    private final int k;
    private final int warmup;
    private final int batchSize;
    private final List<String> databases;
    private final Duration maxRun;
    private final Path runDir;
    private final List<ObjectNode> templates;
    private final String runId;
    private final boolean keep;
    /** The PostgreSQL server's process while it runs (pg_ctl detaches it from this JVM), for the CPU figures. */
    /** The running PostgreSQL's data folder, for its CPU time; null on H2. */
    private volatile Path pgData;

    private IntakeBenchmark(Map<String, String> settings, Path runDir, List<ObjectNode> templates) {
        this.n = positive(settings, "n");
        this.k = positive(settings, "k");
        this.warmup = Integer.parseInt(settings.get("warmup"));
        this.batchSize = positive(settings, "batch");
        this.databases = Arrays.stream(settings.get("db").split(",")).map(String::trim)
                .map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        this.maxRun = Duration.ofSeconds(positive(settings, "max-seconds"));
        this.runDir = runDir;
        this.templates = templates;
        this.runId = Long.toString(System.currentTimeMillis(), 36);
        this.keep = Boolean.parseBoolean(settings.get("keep"));
        for (String db : databases) {
            if (!List.of("h2", "h2-write-delay-0", "postgres").contains(db)) throw new IllegalArgumentException("unknown db: " + db);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings(args);
        Path runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench")),
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-")));
        logHubTo(runDir.resolve("hub.log"));
        IntakeBenchmark bench = new IntakeBenchmark(settings, runDir, centreEvents());
        bench.printHeader();
        boolean ok = onEach(bench.databases, db -> switch (db) {
            case "h2" -> bench.runH2("");
            // H2 writes commits to its file in the background, up to WRITE_DELAY (500 ms) later; with 0
            // it writes at each commit (still no fsync). Not in the default list: it shows what that costs.
            case "h2-write-delay-0" -> bench.runH2(";WRITE_DELAY=0");
            default -> bench.runPostgres();
        });
        System.out.println();
        System.out.println(ok ? "RESULT ok: every request answered 202 and every event was stored once"
                : "RESULT FAILED: see the lines marked FAIL above");
        System.out.flush();
        // Non-daemon threads of the HTTP client or the pool must not keep the JVM alive.
        System.exit(ok ? 0 : 1);
    }

    // ---------------------------------------------------------------------------------------------

    private boolean runH2(String extraOptions) throws Exception {
        String folder = extraOptions.isEmpty() ? "h2" : "h2-write-delay-0";
        try {
            return onH2(runDir, folder, extraOptions, this::runOn);
        } finally {
            if (!keep) deleteTree(runDir.resolve(folder), null);
        }
    }

    private boolean runPostgres() throws Exception {
        return onPostgres(runDir, this::runOn);
    }

    private boolean runOn(String database, Path dataDir, String dbUrl) throws Exception {
        pgData = runningPostgres();
        System.out.println();
        System.out.println("=== " + database);
        Map<String, String> props = TestHub.defaults(dataDir, dbUrl);
        props.put("budstikke.intake.file.poll-ms", "1000"); // the shipped default, not the tests' 100 ms
        long t0 = System.nanoTime();
        boolean ok = true;
        try (TestHub hub = TestHub.start(props)) {
            System.out.printf(Locale.ROOT, "hub started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI intake = hub.uri("/api/v1/events");

            // Warm-up: the same code paths (single events and batches), not measured.
            Result w = postSingles(client, intake, bodies("w", warmup), k);
            Result wb = postBatches(client, intake, batches("wb", Math.max(warmup, batchSize)), k);
            System.out.printf(Locale.ROOT, "warm-up: %d single events, %d batches (%d non-202)%n",
                    w.requests(), wb.requests(), w.non202() + wb.non202());
            long expected = w.accepted() + wb.acceptedEvents();

            Result single = postSingles(client, intake, bodies("s", n), k);
            ok &= report(database, "single", single);
            expected += single.accepted();

            Result batch = postBatches(client, intake, batches("b", n), k);
            ok &= report(database, "batch/" + batchSize, batch);
            expected += batch.acceptedEvents();

            ok &= verifyStored(hub, expected);
        }
        return ok;
    }

    // --- load ------------------------------------------------------------------------------------

    /** One request body and the number of events in it. */
    private record Body(byte[] bytes, int events) {
    }

    /** Posts each body as one event with {@code clients} concurrent callers. */
    private Result postSingles(HttpClient client, URI uri, List<Body> bodies, int clients) throws InterruptedException {
        return post(client, uri, SINGLE, bodies, clients);
    }

    /** Posts each body as a batch with {@code clients} concurrent callers. */
    private Result postBatches(HttpClient client, URI uri, List<Body> bodies, int clients) throws InterruptedException {
        return post(client, uri, BATCH, bodies, clients);
    }

    private Result post(HttpClient client, URI uri, String contentType, List<Body> bodies, int clients)
            throws InterruptedException {
        long[] latencyNanos = new long[bodies.size()];
        Arrays.fill(latencyNanos, -1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger non202 = new AtomicInteger();
        AtomicLong acceptedEvents = new AtomicLong();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + maxRun.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        Cpu.Sample cpu0 = Cpu.sample(pgData);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size() && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", contentType)
                            .header("Authorization", "Bearer " + TestHub.ALL_CENTRES_KEY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i).bytes()))
                            .build();
                    long t0 = System.nanoTime();
                    String outcome;
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        outcome = response.statusCode() == 202 ? null : "HTTP " + response.statusCode();
                    } catch (IOException e) {
                        outcome = e.getClass().getSimpleName();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long took = System.nanoTime() - t0;
                    if (outcome == null) {
                        latencyNanos[i] = took;
                        acceptedEvents.addAndGet(bodies.get(i).events());
                    } else {
                        non202.incrementAndGet();
                        failures.computeIfAbsent(outcome, x -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(maxRun.toSeconds() + 60, TimeUnit.SECONDS)) pool.shutdownNow();
        long wall = System.nanoTime() - start;
        Cpu.Sample cpu1 = Cpu.sample(pgData);
        long[] ok = Arrays.stream(latencyNanos).filter(l -> l >= 0).sorted().toArray();
        int sent = Math.min(next.get(), bodies.size());
        return new Result(bodies.size(), sent, ok, non202.get(), failures, wall, acceptedEvents.get(), cpu1.minus(cpu0, wall));
    }

    private record Result(int planned, int requests, long[] sortedLatencyNanos, int non202, Map<String, AtomicInteger> failures,
            long wallNanos, long acceptedEvents, String cpu) {

        int accepted() {
            return sortedLatencyNanos.length;
        }

        double percentileMs(double p) {
            if (sortedLatencyNanos.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(p / 100.0 * sortedLatencyNanos.length); // nearest-rank
            return sortedLatencyNanos[Math.max(0, rank - 1)] / 1e6;
        }
    }

    private boolean report(String database, String mode, Result r) {
        double wallS = r.wallNanos() / 1e9;
        System.out.printf(Locale.ROOT,
                "%-10s db=%s N=%d K=%d requests=%d wall=%.2f s  events/s=%.0f  latency per request ms p50=%.1f p90=%.1f p99=%.1f max=%.1f  non-202=%d%n",
                mode, database.split(" ")[0], r.acceptedEvents(), k, r.requests(), wallS, r.acceptedEvents() / wallS,
                r.percentileMs(50), r.percentileMs(90), r.percentileMs(99), r.percentileMs(100), r.non202());
        System.out.println("           cpu: " + r.cpu());
        boolean ok = true;
        if (r.non202() != 0) {
            System.out.println("FAIL " + mode + ": non-202 answers " + r.failures());
            ok = false;
        }
        if (r.requests() < r.planned()) {
            System.out.println("FAIL " + mode + ": stopped at the " + maxRun.toSeconds() + " s deadline after "
                    + r.requests() + " of " + r.planned() + " requests");
            ok = false;
        }
        return ok;
    }

    /** 202 must mean stored: the events table holds exactly the events acknowledged, and nothing was quarantined. */
    private static boolean verifyStored(TestHub hub, long expected) {
        DataSource ds = hub.bean("dataSource", DataSource.class);
        if (ds == null) {
            System.out.println("(no 'dataSource' bean: stored rows not checked)");
            return true;
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            long stored = Long.parseLong(one(s, "SELECT COUNT(*) FROM inbound_event"));
            long quarantined = Long.parseLong(one(s, "SELECT COUNT(*) FROM quarantine"));
            boolean ok = stored == expected && quarantined == 0;
            System.out.printf(Locale.ROOT, "%s stored rows=%d (acknowledged %d), quarantined=%d%n",
                    ok ? "check ok:" : "FAIL", stored, expected, quarantined);
            return ok;
        } catch (SQLException e) {
            System.out.println("FAIL could not count stored rows: " + e.getMessage());
            return false;
        }
    }

    // --- events ----------------------------------------------------------------------------------

    /** The centre events among the examples (the all-centres key owns their sources), in file-name order. */
    private static List<ObjectNode> centreEvents() throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(EVENTS_DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                ObjectNode e = (ObjectNode) JSON.readTree(f.toFile());
                if (e.path("source").asText().startsWith(CENTRE_SOURCE_PREFIX)) out.add(e);
            }
        }
        if (out.isEmpty()) throw new IllegalStateException("no centre events in " + EVENTS_DIR.toAbsolutePath() + " (run from the project folder)");
        return out;
    }

    /** {@code count} single-event bodies: the examples round-robin, each with an id of its own. */
    private List<Body> bodies(String phase, int count) {
        List<Body> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(new Body(bytes(event(phase, i)), 1));
        return out;
    }

    /** {@code events} events as batches of {@code batchSize} (the last one may be shorter). */
    private List<Body> batches(String phase, int events) {
        List<Body> out = new ArrayList<>();
        for (int from = 0; from < events; from += batchSize) {
            ArrayNode batch = JSON.createArrayNode();
            for (int i = from; i < Math.min(events, from + batchSize); i++) batch.add(event(phase, i));
            out.add(new Body(bytes(batch), batch.size()));
        }
        return out;
    }

    private ObjectNode event(String phase, int i) {
        ObjectNode e = templates.get(i % templates.size()).deepCopy();
        e.put("id", "bench-" + runId + "-" + phase + "-" + i);
        return e;
    }

    private static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- setup -----------------------------------------------------------------------------------

    private static Map<String, String> settings(String[] args) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("n", "5000");
        s.put("k", "8");
        s.put("warmup", "1000");
        s.put("batch", "100");
        s.put("db", "h2,postgres");
        s.put("max-seconds", "60");
        s.put("keep", "false"); // keep the H2 files after the run (PostgreSQL's are always removed)
        return BenchSupport.settings(s, args, null, null);
    }

    private void printHeader() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Budstikke intake benchmark  N=%d K=%d warm-up=%d batch=%d db=%s deadline=%d s%n",
                n, k, warmup, batchSize, databases, maxRun.toSeconds());
        System.out.printf(Locale.ROOT, "java %s (%s), %d CPUs, max heap %d MiB; events: %d centre examples round-robin%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.availableProcessors(),
                rt.maxMemory() >> 20, templates.size());
        System.out.println("client and hub share this JVM and machine; HTTP/1.1 on loopback; latency = send to 202 received");
        System.out.println("run folder (databases, hub.log): " + runDir.toAbsolutePath());
    }

}

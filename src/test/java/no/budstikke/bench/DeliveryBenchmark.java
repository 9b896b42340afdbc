/*
 * Delivery benchmark: the real hub (intake → dispatch → outbox → channels) against loopback servers
 * started here: GreenMail (SMTP, STARTTLS switched off as only a local test server may), WireMock
 * (HTTP, answers 201) and Apache MINA SSHD (SFTP, key authentication, strict known_hosts), on the
 * embedded H2 file database and on PostgreSQL with fsync, synchronous_commit and full_page_writes on.
 *
 * A program, not a test: the test suite never runs it. How to run it (from the project folder):
 *
 *   mvn -B -o -q -DskipTests test-compile dependency:build-classpath \
 *       -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *       no.budstikke.bench.DeliveryBenchmark [events=300] [k=4] [backlog=50000] [db=h2,postgres] ...
 *
 * Per database, in one hub, four parts (parts=e2e,paced,urgent,naive):
 *   e2e      events/s from the first POST to the last notice DELIVERED, with fan-out to all three
 *            channels (a missing-resident event from a Bergen centre and a leave application
 *            alternate: 11 notices per pair, 4 HTTP, 2 SFTP, 5 mail; each event a person of its own);
 *   latency  p50/p99 from ingest (the event's received_at, stored before the 202) to delivered
 *            (the notice's delivered_at), overall and per channel, read from the database: under
 *            the e2e burst (mostly queueing), and paced at a rate the hub keeps up with;
 *   urgent   p99 created → delivered of URGENT notices (inserted directly, and from posted missing
 *            events) while a backlog of 50,000 NORMAL notices to one HTTP office drains
 *            (backlog-delay-ms makes that office slow), and how much of the backlog drained;
 *   naive    the hub's outbox against a commit-per-row loop (autocommit, the hub's own statements,
 *            one notice at a time) on the same database, the same number of notices, with the ratio.
 * Every part prints a cpu line (machine busy, this benchmark, other work), as IntakeBenchmark does;
 * figures with other work above ~0.1 core are skewed. The servers check that every notice the hub
 * marked DELIVERED arrived, and that none arrived twice (HTTP Idempotency-Key, mail Message-ID).
 *
 * Every setting is key=value (or -Dbench.key=value; arguments win): see settings() for the list.
 * The delivery and dispatch tuning (concurrency, batch-size, poll-ms, dispatch-poll-ms,
 * dispatch-batch-size, pool-size) is passed to the hub as override properties and printed; any
 * other hub property as hub.budstikke.<property>=<value>. sample=true adds where the time goes:
 * stack samples of the delivery, deliver-timer and dispatch threads and CPU time by thread group
 * (the sampling itself costs some throughput).
 *
 * Bounded: a fixed number of events and notices, a deadline per part (each well under two minutes),
 * a 30 s timeout per request; loopback only; stops by itself. The hub's and the servers' logs go to
 * target/bench/<run>/hub.log so that stdout carries only the figures; the run folder is removed at
 * the end unless keep=true. See docs/benchmarks.md for the recorded results.
 */
package no.budstikke.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static no.budstikke.bench.BenchSupport.deleteTree;
import static no.budstikke.bench.BenchSupport.logHubTo;
import static no.budstikke.bench.BenchSupport.onEach;
import static no.budstikke.bench.BenchSupport.onH2;
import static no.budstikke.bench.BenchSupport.onPostgres;
import static no.budstikke.bench.BenchSupport.one;
import static no.budstikke.bench.BenchSupport.positive;
import static no.budstikke.bench.BenchSupport.runningPostgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import no.budstikke.bench.BenchSupport.Cpu;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.Channel;
import no.budstikke.testing.SftpTestServer;
import no.budstikke.testing.TestHub;
import no.budstikke.testing.TestOffices;

public final class DeliveryBenchmark {

    private static final String SINGLE = "application/cloudevents+json";
    private static final Path EVENTS_DIR = Path.of("examples/events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BACKLOG_OFFICE = "bench-backlog";
    private static final String URGENT_OFFICE = "bench-urgent";
    private static final String NAIVE_OFFICE = "bench-naive";
    private static final List<String> CHANNELS = List.of("HTTP", "SFTP", "MAIL");

    /** The hub's own statements (Outbox), run by the naive loop one row and one commit at a time. */
    private static final String CLAIM_ONE = """
            SELECT notice_id, duty, kind, priority, office_id, office_name, channel, address, attempts, document
            FROM notice
            WHERE channel <> 'TASK'
              AND ((status IN ('CREATED', 'FAILED') AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until < ?))
            ORDER BY priority_rank, created_at, notice_id
            LIMIT 1
            FOR UPDATE SKIP LOCKED""";
    private static final String MARK_SENDING = """
            UPDATE notice SET status = 'SENDING', attempts = ?, lease_until = ?, status_changed_at = ?
            WHERE notice_id = ?""";
    private static final String JOURNAL_ATTEMPT = """
            INSERT INTO delivery_attempt (notice_id, attempt, channel, started_at, finished_at, outcome, detail, next_attempt_at)
            SELECT notice_id, attempts, channel, status_changed_at, ?, ?, ?, ?
            FROM notice WHERE notice_id = ? AND status = 'SENDING' AND attempts = ?""";
    private static final String MARK_DELIVERED = """
            UPDATE notice SET status = ?, next_attempt_at = ?, lease_until = NULL, last_error = COALESCE(?, last_error),
                              receipt = COALESCE(?, receipt), delivered_at = CASE WHEN ? = 'DELIVERED' THEN ? ELSE delivered_at END,
                              status_changed_at = ?
            WHERE notice_id = ? AND status = 'SENDING' AND attempts = ?""";
    /** A copy of an existing HTTP notice (for its event and document) as a new notice to a bench office. */
    private static final String COPY_NOTICE = """
            INSERT INTO notice (notice_id, event_key, duty, is_copy, kind, priority, priority_rank, role, office_id, channel,
                                address, purpose, legal_basis, content, removed_fields, flags, status, created_at,
                                status_changed_at, office_name, document, attempts, next_attempt_at)
            SELECT ?, event_key, duty, is_copy, kind, ?, ?, role, ?, 'HTTP', ?, purpose, legal_basis,
                   content, removed_fields, flags, 'CREATED', ?, ?, office_name, document, 0, ?
            FROM notice WHERE notice_id = ?""";

    private final Map<String, String> settings;
    private final int events;
    private final int k;
    private final int warmup;
    private final int backlog;
    private final int naive;
    private final List<String> databases;
    private final List<String> parts;
    private final Duration e2eDeadline;
    private final Duration drainDeadline;
    private final Duration naiveDeadline;
    private final int urgentEveryMs;
    private final int urgentEventEvery;
    private final int backlogDelayMs;
    private final boolean sample;
    private final boolean keep;
    private final Path runDir;
    private final String runId;
    private final List<ObjectNode> templates;

    private final Servers servers;
    private String currentDb = "";
    /** The running PostgreSQL's data folder (for its CPU time), or null on H2. */
    private Path pgData;
    private final AtomicLong dufCounter = new AtomicLong(System.currentTimeMillis() % 1_000_000L * 1_000_000L);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private DeliveryBenchmark(Map<String, String> settings, Path runDir, List<ObjectNode> templates, Servers servers) {
        this.settings = settings;
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
        this.runDir = runDir;
        this.runId = Long.toString(System.currentTimeMillis(), 36);
        this.templates = templates;
        this.servers = servers;
        for (String db : databases) {
            if (!List.of("h2", "postgres").contains(db)) throw new IllegalArgumentException("unknown db: " + db);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings(args);
        Path runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench")),
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("'delivery-'yyyyMMdd-HHmmss-")));
        logHubTo(runDir.resolve("hub.log"));
        boolean ok = true;
        try (Servers servers = Servers.start(runDir)) {
            DeliveryBenchmark bench = new DeliveryBenchmark(settings, runDir, eventTemplates(), servers);
            bench.printHeader();
            ok &= onEach(bench.databases, db -> db.equals("h2") ? bench.runH2() : bench.runPostgres());
        } finally {
            if (!Boolean.parseBoolean(settings.get("keep"))) deleteTree(runDir, "hub.log");
        }
        System.out.println();
        System.out.println(ok ? "RESULT ok: every notice measured was delivered once, as the servers confirm"
                : "RESULT FAILED: see the lines marked FAIL above");
        System.out.flush();
        // Non-daemon threads of the servers, the HTTP client or the pool must not keep the JVM alive.
        System.exit(ok ? 0 : 1);
    }

    // --- databases -------------------------------------------------------------------------------

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
        currentDb = db.toLowerCase(Locale.ROOT);
        servers.forget();
        Map<String, String> props = TestHub.defaults(dataDir, dbUrl);
        props.putAll(hubSettings(dataDir));
        long t0 = System.nanoTime();
        boolean ok = true;
        try (TestHub hub = TestHub.start(props)) {
            System.out.printf(Locale.ROOT, "hub started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            DataSource ds = hub.bean("dataSource", DataSource.class);
            if (ds == null) throw new IllegalStateException("the hub has no 'dataSource' bean");

            // Warm-up: the same code paths (every channel's endpoint made, the JIT at work), not measured.
            if (warmup > 0) {
                Posted w = postEvents(hub, "w", warmup);
                Drained wd = awaitDelivered(ds, "w", w.accepted(), e2eDeadline);
                System.out.printf(Locale.ROOT, "warm-up: %d events, %d notices delivered%s%n", w.accepted(), wd.done(),
                        wd.complete() ? "" : " (INCOMPLETE at the deadline)");
            }

            if (parts.contains("e2e")) ok &= endToEnd(hub, ds, db);
            if (parts.contains("paced")) ok &= paced(hub, ds, db);
            if (parts.contains("urgent")) ok &= urgentUnderBacklog(hub, ds, db);
            if (parts.contains("naive")) ok &= naiveLoop(hub, ds, db);
            String duplicates = servers.duplicates();
            System.out.println(duplicates == null ? "check ok: no notice reached an HTTP office or a mailbox twice" : "FAIL " + duplicates);
            ok &= duplicates == null;
        }
        return ok;
    }

    /** The hub's settings: loopback servers for every office, no sandbox, and the tuning under test. */
    private Map<String, String> hubSettings(Path dataDir) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("budstikke.config.dir", TestOffices.configFolder(Files.createTempDirectory(dataDir, "config"),
                "http://127.0.0.1:" + servers.http.port(), servers.sftp.baseUrl()).toString());
        p.put("budstikke.intake.file.poll-ms", "1000"); // the shipped default, not the tests' 100 ms
        p.put("budstikke.delivery.sandbox", "false");
        p.put("budstikke.mail.host", "127.0.0.1");
        p.put("budstikke.mail.port", Integer.toString(servers.mail.getSmtp().getPort()));
        // GreenMail speaks no TLS; only a local test server may switch this off (production refuses it).
        p.put("budstikke.mail.starttls-required", "false");
        p.put("budstikke.mail.timeout-ms", "10000");
        // Key authentication, strict known_hosts, as in production.
        p.putAll(servers.sftp.hubSettings());
        p.putAll(tuning());
        return p;
    }

    /** The tuning under test, as the hub's property names. */
    private Map<String, String> tuning() {
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

    // --- 1 and 2: end to end ---------------------------------------------------------------------

    private boolean endToEnd(TestHub hub, DataSource ds, String db) throws Exception {
        System.out.println("-- e2e: " + events + " events (missing from a Bergen centre / leave application, alternating), "
                + k + " clients, fan-out to HTTP, SFTP and mail");
        Received before = servers.received();
        Sampler sampler = sample ? Sampler.start(pgData) : null;
        Cpu.Sample cpu0 = Cpu.sample(pgData);
        long t0 = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        Posted posted = postEvents(hub, "m", events);
        Drained drained = awaitDelivered(ds, "m", posted.accepted(), e2eDeadline);
        String cpu = Cpu.sample(pgData).minus(cpu0, System.nanoTime() - t0);
        String samples = sampler == null ? null : sampler.stop();
        Received after = servers.received();

        List<Row> rows = rows(ds, eventIdPrefix("m"), null);
        OffsetDateTime last = rows.stream().map(Row::deliveredAt).filter(t -> t != null).max(Comparator.naturalOrder()).orElse(null);
        double wallS = last == null ? Double.NaN : (last.toInstant().toEpochMilli() - startMillis) / 1000.0;
        long delivered = rows.stream().filter(r -> r.status().equals("DELIVERED")).count();
        System.out.printf(Locale.ROOT,
                "e2e      db=%s events=%d notices=%d (HTTP %d, SFTP %d, mail %d) wall=%.2f s  events/s=%.1f  notices/s=%.1f  "
                        + "202 latency ms p50=%.1f p99=%.1f%n",
                db, posted.accepted(), rows.size(), count(rows, "HTTP"), count(rows, "SFTP"), count(rows, "MAIL"), wallS,
                posted.accepted() / wallS, delivered / wallS, posted.latency().p(50), posted.latency().p(99));
        System.out.println("         cpu: " + cpu);

        Stats all = Stats.of(rows, Row::ingestToDelivered);
        System.out.println("latency  ingest → delivered ms, all     " + all.line());
        for (String ch : CHANNELS) {
            System.out.printf(Locale.ROOT, "latency  ingest → delivered ms, %-7s %s%n", ch, Stats.of(only(rows, ch), Row::ingestToDelivered).line());
        }
        System.out.println("latency  ingest → notice created ms (dispatch)  " + Stats.of(rows, Row::ingestToCreated).line());
        System.out.println("latency  created → delivered ms (outbox+send)  " + Stats.of(rows, Row::createdToDelivered).line());
        if (samples != null) System.out.print(samples);

        boolean ok = true;
        if (posted.non202() > 0) {
            System.out.println("FAIL e2e: non-202 answers " + posted.failures());
            ok = false;
        }
        if (!drained.complete()) {
            System.out.printf(Locale.ROOT, "FAIL e2e: %d of %d notices done at the %d s deadline%n", drained.done(), drained.total(),
                    e2eDeadline.toSeconds());
            ok = false;
        }
        if (delivered != rows.size()) {
            System.out.println("FAIL e2e: not DELIVERED: " + notDelivered(ds, eventIdPrefix("m")));
            ok = false;
        }
        ok &= servers.check("e2e", before, after, Map.of("HTTP", count(rows, "HTTP"), "SFTP", count(rows, "SFTP"), "MAIL", count(rows, "MAIL")));
        return ok;
    }

    // --- 2 without queueing: ingest → delivered at a steady rate the hub keeps up with ----------

    private boolean paced(TestHub hub, DataSource ds, String db) throws Exception {
        int count = positive(settings, "paced");
        int rate = positive(settings, "paced-rate");
        System.out.printf(Locale.ROOT, "-- paced: %d events at %d per second, one client, the same mix; latency without a burst to work off%n",
                count, rate);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-paced");
            t.setDaemon(true);
            return t;
        });
        Cpu.Sample cpu0 = Cpu.sample(pgData);
        long t0 = System.nanoTime();
        poster.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= count) return;
            try {
                if (postOne(hub, event("p", i)).statusCode() == 202) accepted.incrementAndGet(); else failed.incrementAndGet();
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        long postDeadline = System.nanoTime() + e2eDeadline.toNanos();
        while (next.get() < count && System.nanoTime() < postDeadline) Thread.sleep(50);
        poster.shutdown();
        poster.awaitTermination(30, TimeUnit.SECONDS);
        Drained drained = awaitDelivered(ds, "p", accepted.get(), e2eDeadline);
        String cpu = Cpu.sample(pgData).minus(cpu0, System.nanoTime() - t0);
        List<Row> rows = rows(ds, eventIdPrefix("p"), null);
        System.out.println("paced    db=" + db + " ingest → delivered ms, all     " + Stats.of(rows, Row::ingestToDelivered).line());
        for (String ch : CHANNELS) {
            System.out.printf(Locale.ROOT, "paced    db=%s ingest → delivered ms, %-7s %s%n", db, ch, Stats.of(only(rows, ch), Row::ingestToDelivered).line());
        }
        System.out.println("paced    db=" + db + " ingest → notice created ms (dispatch)  " + Stats.of(rows, Row::ingestToCreated).line());
        System.out.println("         cpu: " + cpu);
        boolean ok = true;
        if (failed.get() > 0 || accepted.get() < count) {
            System.out.printf(Locale.ROOT, "FAIL paced: %d of %d events answered 202%n", accepted.get(), count);
            ok = false;
        }
        if (!drained.complete() || pending(rows) > 0) {
            System.out.println("FAIL paced: not DELIVERED: " + notDelivered(ds, eventIdPrefix("p")));
            ok = false;
        }
        return ok;
    }

    // --- 3: URGENT notices while a backlog drains ------------------------------------------------

    private boolean urgentUnderBacklog(TestHub hub, DataSource ds, String db) throws Exception {
        System.out.printf(Locale.ROOT, "-- urgent: %d NORMAL notices to one HTTP office answering in %s, then an URGENT notice every %d ms "
                + "(and every %d-th time an URGENT missing event) while it drains; measured for at most %d s%n",
                backlog, backlogDelayMs == 0 ? "no time" : backlogDelayMs + " ms", urgentEveryMs, urgentEventEvery, drainDeadline.toSeconds());
        if (backlogDelayMs > 0) servers.answerSlowly("/" + BACKLOG_OFFICE, backlogDelayMs);
        String template = httpTemplate(ds);
        hub.context().getRouteController().stopRoute("deliver");
        long w0 = System.nanoTime();
        OffsetDateTime old = OffsetDateTime.now().minusHours(1);
        String backlogAddress = "http://127.0.0.1:" + servers.http.port() + "/" + BACKLOG_OFFICE;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(COPY_NOTICE)) {
                for (int i = 0; i < backlog; i++) {
                    OffsetDateTime created = old.plusNanos(i * 1000L);
                    bindCopy(ps, noticeId("bk", i), "NORMAL", 2, BACKLOG_OFFICE, backlogAddress,
                            created, template);
                    ps.addBatch();
                    if ((i + 1) % 1000 == 0 || i == backlog - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        double insertS = (System.nanoTime() - w0) / 1e9;
        System.out.printf(Locale.ROOT, "write    db=%s hub-style batched insert (1,000 rows per batch and commit): %d rows in %.2f s = %.0f rows/s%n",
                db, backlog, insertS, backlog / insertS);

        // What one claim costs with the backlog due: the hub's statement, batch-size rows, in a transaction.
        for (int i = 0; i < 2; i++) System.out.println("claim    db=" + db + " " + probeClaim(ds) + (i == 0 ? " (first)" : " (again)"));

        Received before = servers.received();
        String urgentAddress = "http://127.0.0.1:" + servers.http.port() + "/" + URGENT_OFFICE;
        AtomicInteger injected = new AtomicInteger();
        AtomicInteger injectedEvents = new AtomicInteger();
        AtomicInteger injectFailures = new AtomicInteger();
        ScheduledExecutorService injector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-injector");
            t.setDaemon(true);
            return t;
        });
        Sampler sampler = sample ? Sampler.start(pgData) : null;
        Cpu.Sample cpu0 = Cpu.sample(pgData);
        hub.context().getRouteController().startRoute("deliver");
        long d0 = System.nanoTime();
        injector.scheduleAtFixedRate(() -> {
            int n = injected.getAndIncrement();
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(COPY_NOTICE)) {
                bindCopy(ps, noticeId("ur", n), "URGENT", 0, URGENT_OFFICE, urgentAddress,
                        OffsetDateTime.now(), template);
                ps.executeUpdate();
                if (n % urgentEventEvery == 0) {
                    HttpResponse<String> r = postOne(hub, event("u", injectedEvents.getAndIncrement()));
                    if (r.statusCode() != 202) injectFailures.incrementAndGet();
                }
            } catch (Exception e) {
                injectFailures.incrementAndGet();
            }
        }, urgentEveryMs / 2, urgentEveryMs, TimeUnit.MILLISECONDS);

        long deadline = d0 + drainDeadline.toNanos();
        long drained = 0;
        long maxSending = 0;
        long nextProgress = d0 + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            drained = backlogDone(ds);
            if (drained >= backlog) break;
            maxSending = Math.max(maxSending, countWhere(ds, "office_id = '" + BACKLOG_OFFICE + "' AND status = 'SENDING'"));
            if (System.nanoTime() >= nextProgress) {
                System.out.printf(Locale.ROOT, "         after %2.0f s: %d of %d backlog notices done%n", (System.nanoTime() - d0) / 1e9, drained, backlog);
                nextProgress += TimeUnit.SECONDS.toNanos(15);
            }
        }
        double drainS = (System.nanoTime() - d0) / 1e9;
        String cpu = Cpu.sample(pgData).minus(cpu0, System.nanoTime() - d0);
        injector.shutdown();
        injector.awaitTermination(30, TimeUnit.SECONDS);
        String samples = sampler == null ? null : sampler.stop();

        // The last URGENT notices injected get their chance; the backlog keeps draining meanwhile.
        long urgentDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Row> urgent;
        List<Row> fromEvents;
        do {
            Thread.sleep(250);
            urgent = rows(ds, null, URGENT_OFFICE);
            fromEvents = rows(ds, eventIdPrefix("u"), null).stream().filter(r -> r.priority().equals("URGENT")).toList();
        } while (System.nanoTime() < urgentDeadline && (pending(urgent) > 0 || pending(fromEvents) > 0 || fromEvents.isEmpty()));
        hub.context().getRouteController().stopRoute("deliver");
        Received after = servers.received();

        System.out.printf(Locale.ROOT, "drain    db=%s backlog done %d of %d in %.1f s = %.0f notices/s%s; at most %d backlog notices "
                + "SENDING (claimed, not yet recorded) at once%n", db, drained, backlog, drainS,
                drained / drainS, drained >= backlog ? " (all drained)" : " (stopped at the deadline)", maxSending);
        System.out.println("         cpu: " + cpu);
        System.out.printf(Locale.ROOT, "urgent   db=%s injected URGENT notices (HTTP), created → delivered ms  %s%n", db,
                Stats.of(urgent, Row::createdToDelivered).line());
        System.out.printf(Locale.ROOT, "urgent   db=%s URGENT notices of %d missing events, created → delivered ms  %s%n", db,
                injectedEvents.get(), Stats.of(fromEvents, Row::createdToDelivered).line());
        for (String ch : CHANNELS) {
            System.out.printf(Locale.ROOT, "urgent     %-7s created → delivered ms  %s%n", ch, Stats.of(only(fromEvents, ch), Row::createdToDelivered).line());
        }
        System.out.printf(Locale.ROOT, "urgent   db=%s same notices, ingest → delivered ms  %s%n", db, Stats.of(fromEvents, Row::ingestToDelivered).line());
        if (samples != null) System.out.print(samples);

        boolean ok = true;
        if (injectFailures.get() > 0) {
            System.out.println("FAIL urgent: " + injectFailures.get() + " injections failed");
            ok = false;
        }
        if (pending(urgent) > 0 || pending(fromEvents) > 0) {
            System.out.printf(Locale.ROOT, "FAIL urgent: %d injected and %d event URGENT notices not delivered 20 s after the last injection%n",
                    pending(urgent), pending(fromEvents));
            ok = false;
        }
        // Only URGENT notices are checked against the servers here: the backlog's count is what drained.
        long urgentHttp = urgent.size() + count(fromEvents, "HTTP");
        ok &= servers.checkAtLeast("urgent", before, after, Map.of("HTTP", urgentHttp, "SFTP", count(fromEvents, "SFTP"),
                "MAIL", count(fromEvents, "MAIL")));
        // Stopping the route does not stop sends already claimed and queued in the delivery pool, so
        // the office may get more requests than there are DELIVERED rows when this is read.
        long backlogRequests = after.http().getOrDefault("/" + BACKLOG_OFFICE, 0L) - before.http().getOrDefault("/" + BACKLOG_OFFICE, 0L);
        long backlogDelivered = countWhere(ds, "office_id = '" + BACKLOG_OFFICE + "' AND status = 'DELIVERED'");
        if (backlogRequests < backlogDelivered) {
            System.out.printf(Locale.ROOT, "FAIL urgent: the backlog office got %d requests for %d notices DELIVERED%n", backlogRequests, backlogDelivered);
            ok = false;
        }
        return ok;
    }

    // --- 4: the same workload, the hub's outbox against a naive loop -----------------------------

    private boolean naiveLoop(TestHub hub, DataSource ds, String db) throws Exception {
        System.out.printf(Locale.ROOT, "-- naive: %d notices to a fast HTTP office, written and delivered by the hub's outbox, then %d more "
                + "by a loop of one statement and one commit at a time, one notice at a time (at most %d s per phase)%n",
                naive, naive, naiveDeadline.toSeconds());
        // Whatever is still due (the rest of the backlog, NORMAL notices of the urgent events) is set
        // aside, so that both find only their own notices; the rows stay, as a hub's history does.
        long setAside = update(ds, "UPDATE notice SET status = 'CANCELLED' WHERE status IN ('CREATED', 'FAILED', 'SENDING') AND channel <> 'TASK'");
        long tableRows = countWhere(ds, "1 = 1");
        System.out.printf(Locale.ROOT, "naive    db=%s the notice table holds %d rows (%d still-due ones set aside as CANCELLED)%n", db, tableRows, setAside);
        String template = httpTemplate(ds);
        boolean ok = true;

        // The hub: a batched write (1,000 rows per commit, as above), then its delivery route drains them.
        String hubOffice = "bench-outbox";
        String hubAddress = "http://127.0.0.1:" + servers.http.port() + "/" + hubOffice;
        OffsetDateTime old = OffsetDateTime.now().minusMinutes(30);
        long w0 = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(COPY_NOTICE)) {
                for (int i = 0; i < naive; i++) {
                    bindCopy(ps, noticeId("hb", i), "NORMAL", 2, hubOffice, hubAddress, old.plusNanos(i * 1000L), template);
                    ps.addBatch();
                    if ((i + 1) % 1000 == 0 || i == naive - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        double hubWriteS = (System.nanoTime() - w0) / 1e9;
        Received before = servers.received();
        long startMillis = System.currentTimeMillis();
        Cpu.Sample hubCpu0 = Cpu.sample(pgData);
        long h0 = System.nanoTime();
        hub.context().getRouteController().startRoute("deliver");
        long hubDeadline = System.nanoTime() + naiveDeadline.toNanos();
        long hubDone;
        do {
            Thread.sleep(100);
            hubDone = countWhere(ds, "office_id = '" + hubOffice + "' AND status IN ('DELIVERED', 'DEAD')");
        } while (hubDone < naive && System.nanoTime() < hubDeadline);
        String hubCpu = Cpu.sample(pgData).minus(hubCpu0, System.nanoTime() - h0);
        hub.context().getRouteController().stopRoute("deliver");
        OffsetDateTime hubLast;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(delivered_at), COUNT(*) FROM notice WHERE office_id = ? AND status = 'DELIVERED'")) {
            ps.setString(1, hubOffice);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                hubLast = rs.getObject(1, OffsetDateTime.class);
                hubDone = rs.getLong(2);
            }
        }
        double hubSendS = hubLast == null ? Double.NaN : (hubLast.toInstant().toEpochMilli() - startMillis) / 1000.0;
        Received afterHub = servers.received();
        long hubRequests = afterHub.http().getOrDefault("/" + hubOffice, 0L) - before.http().getOrDefault("/" + hubOffice, 0L);
        if (hubRequests != hubDone) {
            System.out.printf(Locale.ROOT, "FAIL naive: the hub delivered %d notices, its office got %d requests%n", hubDone, hubRequests);
            ok = false;
        }

        // The naive loop. Write: one INSERT, one commit per notice.
        String naiveAddress = "http://127.0.0.1:" + servers.http.port() + "/" + NAIVE_OFFICE;
        int written = 0;
        w0 = System.nanoTime();
        long wDeadline = w0 + naiveDeadline.toNanos();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(COPY_NOTICE)) {
                for (; written < naive && System.nanoTime() < wDeadline; written++) {
                    bindCopy(ps, noticeId("nv", written), "NORMAL", 2, NAIVE_OFFICE, naiveAddress, old.plusNanos(written * 1000L), template);
                    ps.executeUpdate();
                }
            }
        }
        double writeS = (System.nanoTime() - w0) / 1e9;

        // Claim, send, mark: the hub's own statements, each its own commit: SELECT … LIMIT 1 FOR UPDATE
        // SKIP LOCKED, UPDATE to SENDING, POST, INSERT the attempt, UPDATE to DELIVERED.
        int sent = 0;
        long claimNanos = 0;
        long markNanos = 0;
        long httpNanos = 0;
        int non2xx = 0;
        Cpu.Sample naiveCpu0 = Cpu.sample(pgData);
        long s0 = System.nanoTime();
        long sDeadline = s0 + naiveDeadline.toNanos();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement claim = c.prepareStatement(CLAIM_ONE);
                 PreparedStatement sending = c.prepareStatement(MARK_SENDING);
                 PreparedStatement attempt = c.prepareStatement(JOURNAL_ATTEMPT);
                 PreparedStatement done = c.prepareStatement(MARK_DELIVERED)) {
                while (System.nanoTime() < sDeadline) {
                    long t0 = System.nanoTime();
                    OffsetDateTime now = OffsetDateTime.now();
                    claim.setObject(1, now);
                    claim.setObject(2, now);
                    String id;
                    String document;
                    int attemptNo;
                    try (ResultSet rs = claim.executeQuery()) {
                        if (!rs.next()) break;
                        id = rs.getString(1);
                        attemptNo = rs.getInt(9) + 1;
                        document = rs.getString(10);
                    }
                    long t1 = System.nanoTime();
                    sending.setInt(1, attemptNo);
                    sending.setObject(2, now.plusMinutes(2));
                    sending.setObject(3, now);
                    sending.setString(4, id);
                    sending.executeUpdate();
                    long t2 = System.nanoTime();
                    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(naiveAddress))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json; charset=UTF-8")
                            .header("Idempotency-Key", id)
                            .POST(HttpRequest.BodyPublishers.ofString(document)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() / 100 != 2) non2xx++;
                    long t3 = System.nanoTime();
                    OffsetDateTime finished = OffsetDateTime.now();
                    attempt.setObject(1, finished);
                    attempt.setString(2, "DELIVERED");
                    attempt.setString(3, "HTTP " + r.statusCode());
                    attempt.setObject(4, null);
                    attempt.setString(5, id);
                    attempt.setInt(6, attemptNo);
                    attempt.executeUpdate();
                    done.setString(1, "DELIVERED");
                    done.setObject(2, null);
                    done.setString(3, null);
                    done.setString(4, "HTTP " + r.statusCode());
                    done.setString(5, "DELIVERED");
                    done.setObject(6, finished);
                    done.setObject(7, finished);
                    done.setString(8, id);
                    done.setInt(9, attemptNo);
                    done.executeUpdate();
                    long t4 = System.nanoTime();
                    claimNanos += t1 - t0;
                    markNanos += (t2 - t1) + (t4 - t3);
                    httpNanos += t3 - t2;
                    sent++;
                }
            }
        }
        double sendS = (System.nanoTime() - s0) / 1e9;
        String naiveCpu = Cpu.sample(pgData).minus(naiveCpu0, System.nanoTime() - s0);
        Received after = servers.received();

        double hubWrite = naive / hubWriteS;
        double hubSend = hubDone / hubSendS;
        double naiveWrite = written / writeS;
        double naiveSend = sent / sendS;
        System.out.printf(Locale.ROOT, "naive    db=%s hub:   write %d rows in %.2f s = %.0f rows/s (1,000 per batch and commit); "
                + "delivered %d in %.2f s = %.0f notices/s (claims of %s, %s at once)%s%n",
                db, naive, hubWriteS, hubWrite, hubDone, hubSendS, hubSend, settings.get("batch-size"), settings.get("concurrency"),
                hubDone < naive ? ", stopped at the deadline" : "");
        System.out.println("         cpu (hub delivering): " + hubCpu);
        System.out.printf(Locale.ROOT, "naive    db=%s naive: write %d rows in %.2f s = %.0f rows/s (one INSERT and commit per row); "
                + "delivered %d in %.2f s = %.0f notices/s (4 statements, 4 commits per notice)%s%n",
                db, written, writeS, naiveWrite, sent, sendS, naiveSend, sent < written ? ", stopped at the deadline" : "");
        System.out.println("         cpu (naive delivering): " + naiveCpu);
        if (sent > 0) {
            System.out.printf(Locale.ROOT, "naive    db=%s naive, per notice: claim query %.2f ms, marks (3 statements) %.2f ms, HTTP POST %.2f ms%n",
                    db, claimNanos / 1e6 / sent, markNanos / 1e6 / sent, httpNanos / 1e6 / sent);
        }
        if (sent > 0 && written > 0) {
            // Write and deliver, per notice: the two phases' times per notice added up.
            double hubTotal = 1 / (1 / hubWrite + 1 / hubSend);
            double naiveTotal = 1 / (1 / naiveWrite + 1 / naiveSend);
            System.out.printf(Locale.ROOT, "ratio    db=%s hub ÷ naive: write %.1f×, claim+send+mark %.1f×, write+deliver %.1f×%n", db,
                    hubWrite / naiveWrite, hubSend / naiveSend, hubTotal / naiveTotal);
        }
        if (non2xx > 0) {
            System.out.println("FAIL naive: " + non2xx + " non-2xx answers");
            ok = false;
        }
        long naiveRequests = after.http().getOrDefault("/" + NAIVE_OFFICE, 0L) - afterHub.http().getOrDefault("/" + NAIVE_OFFICE, 0L);
        if (naiveRequests != sent) {
            System.out.printf(Locale.ROOT, "FAIL naive: %d requests for %d notices sent%n", naiveRequests, sent);
            ok = false;
        }
        return ok;
    }

    // --- events and posting ----------------------------------------------------------------------

    /** A missing resident at a Bergen centre (URGENT; HTTP, SFTP and mail) and a leave application (HIGH; all three). */
    private static List<ObjectNode> eventTemplates() throws IOException {
        ObjectNode missing = (ObjectNode) JSON.readTree(EVENTS_DIR.resolve("missing.json").toFile());
        ObjectNode arrived = (ObjectNode) JSON.readTree(EVENTS_DIR.resolve("arrived.json").toFile());
        // Bergen: the police district Vest takes its notices by SFTP, UDI region Vest by HTTP, child welfare by mail.
        missing.put("source", arrived.path("source").asText());
        ((ObjectNode) missing.path("data")).set("centre", arrived.path("data").path("centre").deepCopy());
        ObjectNode leave = (ObjectNode) JSON.readTree(EVENTS_DIR.resolve("leave-applied.json").toFile());
        return List.of(missing, leave);
    }

    private ObjectNode event(String phase, int i) {
        ObjectNode e = templates.get(i % templates.size()).deepCopy();
        e.put("id", eventIdPrefix(phase) + i);
        // A person of its own: dispatch reads the case's earlier events by DUF number, and two
        // people with thousands of events each would make that, not delivery, the cost.
        ((ObjectNode) e.path("data").path("person")).put("dufNumber", String.format("%012d", dufCounter.incrementAndGet()));
        return e;
    }

    /** Unique per run and database: notice ids, and so SFTP file names, derive from (source, id). */
    private String eventIdPrefix(String phase) {
        return "bench-" + runId + "-" + currentDb + "-" + phase + "-";
    }

    private record Posted(int accepted, int non202, Map<String, AtomicInteger> failures, Stats latency) {
    }

    private Posted postEvents(TestHub hub, String phase, int count) throws InterruptedException {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) bodies.add(bytes(event(phase, i)));
        long[] latency = new long[count];
        Arrays.fill(latency, -1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger non202 = new AtomicInteger();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + e2eDeadline.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        URI uri = hub.uri("/api/v1/events");
        for (int c = 0; c < k; c++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    String outcome;
                    try {
                        HttpResponse<String> r = client.send(request(uri, bodies.get(i)), HttpResponse.BodyHandlers.ofString());
                        outcome = r.statusCode() == 202 ? null : "HTTP " + r.statusCode();
                    } catch (IOException e) {
                        outcome = e.getClass().getSimpleName();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (outcome == null) {
                        latency[i] = System.nanoTime() - t0;
                    } else {
                        non202.incrementAndGet();
                        failures.computeIfAbsent(outcome, x -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(e2eDeadline.toSeconds() + 60, TimeUnit.SECONDS)) pool.shutdownNow();
        long[] ok = Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray();
        return new Posted(ok.length, non202.get(), failures, new Stats(Arrays.stream(ok).mapToDouble(l -> l / 1e6).toArray()));
    }

    private HttpResponse<String> postOne(TestHub hub, ObjectNode event) throws IOException, InterruptedException {
        return client.send(request(hub.uri("/api/v1/events"), bytes(event)), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(URI uri, byte[] body) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", SINGLE)
                .header("Authorization", "Bearer " + TestHub.ALL_CENTRES_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    // --- reading the outbox ----------------------------------------------------------------------

    /** One notice as the database has it; times from the event's received_at and the notice's own columns. */
    private record Row(String channel, String priority, String status, OffsetDateTime receivedAt, OffsetDateTime createdAt,
                       OffsetDateTime deliveredAt) {

        Double ingestToDelivered() {
            return between(receivedAt, deliveredAt);
        }

        Double ingestToCreated() {
            return between(receivedAt, createdAt);
        }

        Double createdToDelivered() {
            return between(createdAt, deliveredAt);
        }

        private static Double between(OffsetDateTime a, OffsetDateTime b) {
            return a == null || b == null ? null : Duration.between(a, b).toNanos() / 1e6;
        }
    }

    /** The notices (not phone tasks) of the events whose id starts with {@code eventIdPrefix}, or of one office. */
    private static List<Row> rows(DataSource ds, String eventIdPrefix, String officeId) throws SQLException {
        String sql = """
                SELECT n.channel, n.priority, n.status, e.received_at, n.created_at, n.delivered_at
                FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                WHERE n.channel <> 'TASK' AND """ + (eventIdPrefix != null ? " e.event_id LIKE ?" : " n.office_id = ?");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, eventIdPrefix != null ? eventIdPrefix + "%" : officeId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)));
                }
            }
            // For an office's own notices (injected ones) the event's received_at means nothing.
            if (officeId != null) rows.replaceAll(r -> new Row(r.channel(), r.priority(), r.status(), null, r.createdAt(), r.deliveredAt()));
            return rows;
        }
    }

    private record Drained(long total, long done, boolean complete) {
    }

    /** Waits until every event of the phase is dispatched and each of its notices is delivered (or dead). */
    private Drained awaitDelivered(DataSource ds, String phase, int expectedEvents, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String prefix = eventIdPrefix(phase) + "%";
        long total = 0;
        long done = 0;
        while (true) {
            long stored;
            long undispatched;
            try (Connection c = ds.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*), SUM(CASE WHEN status = 'RECEIVED' THEN 1 ELSE 0 END) FROM inbound_event WHERE event_id LIKE ?")) {
                    ps.setString(1, prefix);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        stored = rs.getLong(1);
                        undispatched = rs.getLong(2);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT COUNT(*), SUM(CASE WHEN n.status IN ('DELIVERED', 'DEAD') THEN 1 ELSE 0 END)
                        FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                        WHERE e.event_id LIKE ? AND n.channel <> 'TASK'""")) {
                    ps.setString(1, prefix);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                        done = rs.getLong(2);
                    }
                }
            }
            if (stored >= expectedEvents && undispatched == 0 && done == total) return new Drained(total, done, true);
            if (System.nanoTime() > deadline) return new Drained(total, done, false);
            Thread.sleep(100);
        }
    }

    private String httpTemplate(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT n.notice_id FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                WHERE e.event_id LIKE ? AND n.channel = 'HTTP' ORDER BY n.notice_id LIMIT 1""")) {
            ps.setString(1, "bench-" + runId + "-" + currentDb + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("no HTTP notice of a posted event to copy (warm-up=0 and no e2e part?)");
                return rs.getString(1);
            }
        }
    }

    /** Runs the hub's claim statement once (without marking anything) and times it and the commit. */
    private String probeClaim(DataSource ds) throws SQLException {
        int limit = Integer.parseInt(settings.get("batch-size"));
        String sql = CLAIM_ONE.replace("LIMIT 1", "LIMIT " + limit);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long due = countWhere(ds, "status IN ('CREATED', 'FAILED') AND channel <> 'TASK'");
            long t0 = System.nanoTime();
            int rows = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                OffsetDateTime now = OffsetDateTime.now();
                ps.setObject(1, now);
                ps.setObject(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows++;
                }
            }
            long t1 = System.nanoTime();
            c.commit();
            long t2 = System.nanoTime();
            c.setAutoCommit(true);
            return String.format(Locale.ROOT, "the hub's claim statement (LIMIT %d … FOR UPDATE SKIP LOCKED) with %d notices due: "
                    + "%d rows in %.0f ms, commit %.0f ms", limit, due, rows, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }

    /** A notice id of 32 characters: a tag, the run, and a counter. */
    private String noticeId(String tag, long n) {
        String prefix = tag + runId;
        return prefix + String.format("%0" + (32 - prefix.length()) + "x", n);
    }

    private static void bindCopy(PreparedStatement ps, String id, String priority, int rank, String office, String address,
                                 OffsetDateTime created, String template) throws SQLException {
        ps.setString(1, id);
        ps.setString(2, priority);
        ps.setInt(3, rank);
        ps.setString(4, office);
        ps.setString(5, address);
        ps.setObject(6, created);
        ps.setObject(7, created);
        ps.setObject(8, created);
        ps.setString(9, template);
    }

    private static long backlogDone(DataSource ds) throws SQLException {
        return countWhere(ds, "office_id = '" + BACKLOG_OFFICE + "' AND status IN ('DELIVERED', 'DEAD')");
    }

    private static long countWhere(DataSource ds, String where) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return Long.parseLong(one(s, "SELECT COUNT(*) FROM notice WHERE " + where));
        }
    }

    private static long update(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static String notDelivered(DataSource ds, String eventIdPrefix) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT n.channel, n.status, n.last_error, COUNT(*) FROM notice n JOIN inbound_event e ON e.event_key = n.event_key
                WHERE e.event_id LIKE ? AND n.channel <> 'TASK' AND n.status <> 'DELIVERED'
                GROUP BY n.channel, n.status, n.last_error""")) {
            ps.setString(1, eventIdPrefix + "%");
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2) + " (" + rs.getString(3) + ") ×" + rs.getLong(4));
            }
            return out.toString();
        }
    }

    private static long pending(List<Row> rows) {
        return rows.stream().filter(r -> !r.status().equals("DELIVERED")).count();
    }

    private static long count(List<Row> rows, String channel) {
        return only(rows, channel).size();
    }

    private static List<Row> only(List<Row> rows, String channel) {
        return rows.stream().filter(r -> r.channel().equals(channel)).toList();
    }

    // --- statistics ------------------------------------------------------------------------------

    private record Stats(double[] sorted) {

        static Stats of(List<Row> rows, java.util.function.Function<Row, Double> f) {
            return new Stats(rows.stream().map(f).filter(v -> v != null).mapToDouble(Double::doubleValue).sorted().toArray());
        }

        /** Nearest-rank percentile. */
        double p(double p) {
            if (sorted.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        String line() {
            return String.format(Locale.ROOT, "n=%d p50=%.0f p90=%.0f p99=%.0f max=%.0f", sorted.length, p(50), p(90), p(99), p(100));
        }
    }

    // --- the servers -----------------------------------------------------------------------------

    /** What the servers have received so far: HTTP requests by path, mails, SFTP files. */
    private record Received(Map<String, Long> http, long mails, long files) {

        long httpTotal() {
            return http.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The three loopback servers, shared by every database's run. */
    private static final class Servers implements AutoCloseable {

        final WireMockServer http;
        final GreenMail mail;
        final SftpTestServer sftp;
        final Map<String, AtomicLong> httpByPath = new ConcurrentHashMap<>();
        /** Requests per Idempotency-Key (the notice id): more than one is a notice sent twice. */
        final Map<String, AtomicInteger> httpByKey = new ConcurrentHashMap<>();

        private Servers(WireMockServer http, GreenMail mail, SftpTestServer sftp) {
            this.http = http;
            this.mail = mail;
            this.sftp = sftp;
        }

        static Servers start(Path runDir) throws Exception {
            // HTTP: every POST answers 201. No request journal: 50,000 requests would be kept in memory.
            WireMockServer http = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                    .disableRequestJournal().containerThreads(24).jettyAcceptors(1));
            http.start();
            http.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201).withHeader("X-Request-Id", "bench")));

            // SMTP without login and without TLS, as in EndToEndIT.
            GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();

            // SFTP: the tests' server (RSA 3072 client key, ECDSA host key), a folder for every SFTP office.
            SftpTestServer sftp = SftpTestServer.start(runDir.resolve("sftp"));
            new Dispatcher(HubConfigLoader.load(Path.of("config"))).config().directory().offices().stream()
                    .filter(o -> o.channel() == Channel.SFTP).forEach(o -> sftp.folder(o.id()));

            Servers s = new Servers(http, mail, sftp);
            http.addMockServiceRequestListener((request, response) -> {
                s.httpByPath.computeIfAbsent(URI.create(request.getUrl()).getPath(), p -> new AtomicLong()).incrementAndGet();
                String key = request.getHeader("Idempotency-Key");
                if (key != null) s.httpByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            });
            return s;
        }

        /** From now on, {@code path} answers 201 only after {@code delayMs}. */
        void answerSlowly(String path, int delayMs) {
            http.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(201).withFixedDelay(delayMs)));
        }

        /** Forgets what the servers received (between databases: the bench offices' notice ids repeat). */
        void forget() throws Exception {
            httpByKey.clear();
            mail.purgeEmailFromAllMailboxes();
        }

        /** Notices that reached a server more than once: HTTP by Idempotency-Key, mail by Message-ID. */
        String duplicates() throws Exception {
            long http = httpByKey.values().stream().filter(n -> n.get() > 1).count();
            Map<String, Integer> ids = new HashMap<>();
            for (jakarta.mail.internet.MimeMessage m : mail.getReceivedMessages()) ids.merge(m.getMessageID(), 1, Integer::sum);
            long mails = ids.values().stream().filter(n -> n > 1).count();
            return http == 0 && mails == 0 ? null
                    : String.format(Locale.ROOT, "%d notices reached their HTTP office more than once, %d their mailbox", http, mails);
        }

        Received received() throws IOException {
            Map<String, Long> byPath = new TreeMap<>();
            httpByPath.forEach((p, n) -> byPath.put(p, n.get()));
            long files = sftp.files().stream().filter(f -> f.endsWith(".json")).count();
            return new Received(byPath, mail.getReceivedMessages().length, files);
        }

        /** The servers got exactly one message per notice the hub marked DELIVERED. */
        boolean check(String part, Received before, Received after, Map<String, Long> delivered) {
            return compare(part, before, after, delivered, true);
        }

        /** The servers got at least one message per notice the hub marked DELIVERED (others were being sent too). */
        boolean checkAtLeast(String part, Received before, Received after, Map<String, Long> delivered) {
            return compare(part, before, after, delivered, false);
        }

        private boolean compare(String part, Received before, Received after, Map<String, Long> delivered, boolean exact) {
            long http = after.httpTotal() - before.httpTotal();
            long mails = after.mails() - before.mails();
            long files = after.files() - before.files();
            boolean ok = exact
                    ? http == delivered.get("HTTP") && mails == delivered.get("MAIL") && files == delivered.get("SFTP")
                    : http >= delivered.get("HTTP") && mails >= delivered.get("MAIL") && files >= delivered.get("SFTP");
            System.out.printf(Locale.ROOT, "%s servers received: HTTP %d, mail %d, SFTP files %d (notices DELIVERED: HTTP %d, mail %d, SFTP %d%s)%n",
                    ok ? "check ok:" : "FAIL " + part + ":", http, mails, files, delivered.get("HTTP"), delivered.get("MAIL"), delivered.get("SFTP"),
                    exact ? "" : "; the servers' counts include the backlog and other notices sent meanwhile");
            return ok;
        }

        @Override
        public void close() {
            try {
                sftp.close();
            } catch (IOException ignored) {
                // going away
            }
            mail.stop();
            http.stop();
        }
    }

    // --- where the delivery threads spend their time ---------------------------------------------

    /**
     * Where the time goes. Every 10 ms, the stacks of the delivery pool's threads and of the deliver
     * and dispatch routes' timer threads, counted by what each was doing; every 100 ms, the CPU time
     * of every thread of this JVM by group, and at the end the CPU time of this JVM, of PostgreSQL
     * and of the whole machine (other processes on it skew every figure).
     */
    private static final class Sampler {

        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final Map<String, Long> pool = new HashMap<>();
        private final Map<String, Long> frames = new HashMap<>();
        private final Map<String, Long> timer = new HashMap<>();
        private final Map<String, Long> dispatch = new HashMap<>();
        /** Per thread id: its group, and its CPU time when first and last seen. */
        private final Map<Long, String> groupOf = new HashMap<>();
        private final Map<Long, long[]> cpu = new HashMap<>();
        private final long wall0 = System.nanoTime();
        private final long process0 = processCpuNanos();
        private final long gc0 = gcMillis();
        private final long jit0 = jitMillis();
        private final Cpu.Sample machine0;
        private final Path pgData;
        private final long pg0;
        private volatile boolean running = true;
        private long samples;
        private Thread thread;

        private Sampler(Path pgData) {
            this.pgData = pgData;
            this.pg0 = postgresCpuNanos(pgData);
            this.machine0 = Cpu.sample(pgData);
        }

        static Sampler start(Path pgData) {
            Sampler s = new Sampler(pgData);
            s.thread = new Thread(s::run, "bench-sampler");
            s.thread.setDaemon(true);
            s.thread.start();
            return s;
        }

        private void run() {
            for (long tick = 0; running; tick++) {
                if (tick % 10 == 0) accountCpu();
                for (ThreadInfo t : mx.dumpAllThreads(false, false, 64)) {
                    if (t == null) continue;
                    // Camel names them "Camel (<context>) thread #12 - delivery", "... - timer://deliver", "... - timer://dispatch".
                    String name = t.getThreadName();
                    Map<String, Long> counts = name.endsWith(" - delivery") ? pool : name.endsWith(" - timer://deliver") ? timer
                            : name.endsWith(" - timer://dispatch") ? dispatch : null;
                    if (counts == null) continue;
                    StackTraceElement[] stack = t.getStackTrace();
                    String category = category(stack);
                    synchronized (this) {
                        counts.merge(category, 1L, Long::sum);
                        if (counts == pool && !category.startsWith("idle")) frames.merge(innermostNonJdk(stack), 1L, Long::sum);
                    }
                }
                synchronized (this) {
                    samples++;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
            accountCpu();
        }

        private synchronized void accountCpu() {
            for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds(), 0)) {
                if (t == null) continue;
                long c = mx.getThreadCpuTime(t.getThreadId());
                if (c < 0) continue;
                groupOf.putIfAbsent(t.getThreadId(), group(t.getThreadName()));
                cpu.computeIfAbsent(t.getThreadId(), id -> new long[] {c, c})[1] = c;
            }
        }

        private static String group(String name) {
            if (name.endsWith(" - delivery")) return "hub delivery pool (channel sends, outcome records)";
            if (name.endsWith(" - timer://deliver")) return "hub deliver timer (claims)";
            if (name.endsWith(" - timer://dispatch")) return "hub dispatch";
            if (name.startsWith("Connect thread")) return "hub SFTP client (JSch session threads)";
            if (name.startsWith("vert.x")) return "hub HTTP intake (Vert.x)";
            if (name.startsWith("Camel (")) return "hub, other Camel threads";
            if (name.startsWith("MVStore background writer")) return "H2 background writer";
            if (name.startsWith("sshd-") || name.contains("SshServer")) return "SFTP server (MINA SSHD)";
            if (name.startsWith("qtp")) return "HTTP server (WireMock, Jetty)";
            if (name.toLowerCase(Locale.ROOT).contains("smtp") || name.toLowerCase(Locale.ROOT).contains("greenmail")) return "SMTP server (GreenMail)";
            if (name.startsWith("bench-") || name.startsWith("HttpClient")) return "benchmark (clients, sampler, injector)";
            if (name.startsWith("HikariPool") || name.startsWith("budstikke")) return "connection pool";
            return "other: " + name.replaceAll("[0-9]+", "#");
        }

        /** What a thread is doing, judged by the libraries on its stack. */
        private static String category(StackTraceElement[] stack) {
            if (stack.length == 0) return "no stack";
            if (has(stack, "org.postgresql.", "org.h2.")) {
                String what = calls(stack, "commit") ? "commit" : calls(stack, "claim") ? "claim query"
                        : calls(stack, "delivered") || calls(stack, "failed") ? "recording the outcome (attempt, status)"
                        : calls(stack, "dispatchOne") ? "dispatching an event" : "other statement";
                return "database: " + what;
            }
            if (has(stack, "com.zaxxer.hikari.")) return "database: waiting for a pooled connection";
            if (has(stack, "com.jcraft.jsch.")) return "SFTP (JSch: connect, key exchange, auth, write)";
            if (has(stack, "jakarta.mail.", "org.eclipse.angus.mail.", "com.sun.mail.")) return "mail (SMTP)";
            if (has(stack, "org.apache.hc.")) return "HTTP (Apache HttpClient)";
            if (has(stack, "AsyncProcessorAwaitManager")) return "waiting for the batch's sends to finish (split)";
            if (calls(stack, "getTask")) return "idle (waiting for work)";
            if (stack.length < 8 && has(stack, "java.util.TimerThread")) return "waiting for the next poll";
            for (StackTraceElement f : stack) {
                if (f.getClassName().startsWith("no.budstikke.")) {
                    return "hub code: " + f.getClassName().substring("no.budstikke.".length()) + "." + f.getMethodName();
                }
            }
            return "other: " + innermostNonJdk(stack);
        }

        private static boolean has(StackTraceElement[] stack, String... prefixes) {
            for (StackTraceElement f : stack) {
                for (String p : prefixes) {
                    if (f.getClassName().startsWith(p) || f.getClassName().contains(p)) return true;
                }
            }
            return false;
        }

        private static boolean calls(StackTraceElement[] stack, String method) {
            return Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals(method));
        }

        private static String innermostNonJdk(StackTraceElement[] stack) {
            for (StackTraceElement f : stack) {
                String c = f.getClassName();
                if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) continue;
                return c + "." + f.getMethodName();
            }
            return stack.length == 0 ? "?" : stack[0].getClassName() + "." + stack[0].getMethodName();
        }

        String stop() throws InterruptedException {
            running = false;
            thread.join(5000);
            double wallS = (System.nanoTime() - wall0) / 1e9;
            double processS = (processCpuNanos() - process0) / 1e9;
            double gcS = (gcMillis() - gc0) / 1e3;
            double jitS = (jitMillis() - jit0) / 1e3;
            double pgS = pgData == null ? 0 : (postgresCpuNanos(pgData) - pg0) / 1e9;
            String machine = Cpu.sample(pgData).minus(machine0, System.nanoTime() - wall0);
            StringBuilder sb = new StringBuilder();
            synchronized (this) {
                sb.append(String.format(Locale.ROOT, "cpu      over %.1f s: %s; of this benchmark's, this JVM %.2f, PostgreSQL %.2f%n",
                        wallS, machine, processS / wallS, pgS / wallS));
                Map<String, Long> byGroup = new HashMap<>();
                cpu.forEach((id, c) -> byGroup.merge(groupOf.get(id), c[1] - c[0], Long::sum));
                long threads = byGroup.values().stream().mapToLong(Long::longValue).sum();
                byGroup.put(String.format(Locale.ROOT, "JVM itself and threads that ended between readings (GC pauses %.1f s, JIT %.1f s)",
                        gcS, jitS), Math.max(0, (long) (processS * 1e9) - threads));
                if (pgData != null) byGroup.put("PostgreSQL server processes", (long) (pgS * 1e9));
                sb.append("cpu      CPU seconds by who spent them:").append(System.lineSeparator());
                byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                        .filter(e -> e.getValue() > 5e7)
                        .forEach(e -> sb.append(String.format(Locale.ROOT, "         %6.1f s  %s%n", e.getValue() / 1e9, e.getKey())));
                sb.append(String.format(Locale.ROOT, "sample   %d stack samples, 10 ms apart; the delivery pool's threads were:%n", samples));
                append(sb, pool, 10);
                sb.append("sample   the deliver route's timer thread (claims, then waits for the batch) was:").append(System.lineSeparator());
                append(sb, timer, 6);
                sb.append("sample   the dispatch route's timer thread was:").append(System.lineSeparator());
                append(sb, dispatch, 6);
                sb.append("sample   busy pool threads, innermost non-JDK frame:").append(System.lineSeparator());
                append(sb, frames, 8);
            }
            return sb.toString();
        }

        private static void append(StringBuilder sb, Map<String, Long> counts, int top) {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(e -> sb.append(String.format(Locale.ROOT, "         %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey())));
        }

        private static long gcMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
        }

        private static long jitMillis() {
            return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        }

        private static long processCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
        }

        /** CPU time of the PostgreSQL server serving {@code pgData} and of its backends. */
        private static long postgresCpuNanos(Path pgData) {
            return pgData == null ? 0 : Cpu.ticks(Cpu.postmasterPid(pgData)) * Cpu.NANOS_PER_TICK;
        }
    }

    // --- setup -----------------------------------------------------------------------------------

    /** Any other hub property, given as hub.<property>=<value>. */
    private static final Map<String, String> extraHubSettings = new LinkedHashMap<>();

    private static Map<String, String> settings(String[] args) {
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
        s.put("parts", "e2e,paced,urgent,naive");
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

    private void printHeader() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Budstikke delivery benchmark  events=%d k=%d warm-up=%d backlog=%d naive=%d db=%s parts=%s%n",
                events, k, warmup, backlog, naive, databases, parts);
        System.out.printf(Locale.ROOT, "java %s (%s), %d CPUs, max heap %d MiB%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), rt.availableProcessors(), rt.maxMemory() >> 20);
        System.out.println("hub tuning: " + tuning());
        System.out.printf(Locale.ROOT, "servers on loopback: WireMock HTTP :%d (201), GreenMail SMTP :%d (no TLS), MINA SSHD SFTP :%d "
                        + "(RSA 3072 client key, strict known_hosts)%n",
                servers.http.port(), servers.mail.getSmtp().getPort(), servers.sftp.port());
        System.out.println("client, hub and servers share this JVM and machine; times in ms from the database's timestamps");
        System.out.println("run folder (databases, hub.log): " + runDir.toAbsolutePath());
    }

    private static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}

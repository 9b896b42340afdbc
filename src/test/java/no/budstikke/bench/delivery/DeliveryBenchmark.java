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
 *       no.budstikke.bench.delivery.DeliveryBenchmark [events=300] [k=4] [backlog=50000] [db=h2,postgres] ...
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
 * Every setting is key=value (or -Dbench.key=value; arguments win): see DeliverySettings for the list.
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
package no.budstikke.bench.delivery;

import static no.budstikke.bench.BenchSupport.deleteTree;
import static no.budstikke.bench.BenchSupport.logHubTo;
import static no.budstikke.bench.BenchSupport.onEach;
import static no.budstikke.bench.BenchSupport.onH2;
import static no.budstikke.bench.BenchSupport.onPostgres;
import static no.budstikke.bench.BenchSupport.runningPostgres;

import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import no.budstikke.bench.delivery.Traffic.Drained;
import no.budstikke.bench.delivery.Traffic.Posted;
import no.budstikke.testing.TestHub;
import no.budstikke.testing.TestOffices;

/**
 * Runs the parts on each database, one hub per database, and prints the figures. The parts are
 * {@link EndToEnd}, {@link Paced}, {@link UrgentUnderBacklog}, {@link SlowAndHanging} and {@link NaiveLoop}; the loopback
 * servers are {@link Servers}, the posted events {@link Traffic}.
 */
public final class DeliveryBenchmark {

    private final DeliverySettings settings;
    private final Path runDir;
    private final Servers servers;
    private final Traffic traffic;

    private DeliveryBenchmark(DeliverySettings settings, Path runDir, Servers servers) throws IOException {
        this.settings = settings;
        this.runDir = runDir;
        this.servers = servers;
        this.traffic = new Traffic(settings);
    }

    public static void main(String[] args) throws Exception {
        DeliverySettings settings = new DeliverySettings(args);
        Path runDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench")),
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("'delivery-'yyyyMMdd-HHmmss-")));
        logHubTo(runDir.resolve("hub.log"));
        boolean ok = true;
        try (Servers servers = Servers.start(runDir)) {
            DeliveryBenchmark bench = new DeliveryBenchmark(settings, runDir, servers);
            bench.printHeader();
            ok &= onEach(settings.databases, db -> db.equals("h2") ? bench.runH2() : bench.runPostgres());
        } finally {
            if (!settings.keep) deleteTree(runDir, "hub.log");
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
        Path pgData = runningPostgres();
        System.out.println();
        System.out.println("=== " + database);
        String db = database.split(" ")[0];
        traffic.onDatabase(db.toLowerCase(Locale.ROOT));
        servers.forget();
        Map<String, String> props = TestHub.defaults(dataDir, dbUrl);
        props.putAll(hubSettings(dataDir));
        Part part = new Part(settings, servers, traffic, pgData);
        long t0 = System.nanoTime();
        boolean ok = true;
        try (TestHub hub = TestHub.start(props)) {
            System.out.printf(Locale.ROOT, "hub started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            DataSource ds = hub.bean("dataSource", DataSource.class);
            if (ds == null) throw new IllegalStateException("the hub has no 'dataSource' bean");

            // Warm-up: the same code paths (every channel's endpoint made, the JIT at work), not measured.
            if (settings.warmup > 0) {
                Posted w = traffic.postEvents(hub, "w", settings.warmup);
                Drained wd = traffic.awaitDelivered(ds, "w", w.accepted(), settings.e2eDeadline);
                System.out.printf(Locale.ROOT, "warm-up: %d events, %d notices delivered%s%n", w.accepted(), wd.done(),
                        wd.complete() ? "" : " (INCOMPLETE at the deadline)");
            }

            if (settings.parts.contains("e2e")) ok &= new EndToEnd(part).run(hub, ds, db);
            if (settings.parts.contains("paced")) ok &= new Paced(part).run(hub, ds, db);
            if (settings.parts.contains("urgent")) ok &= new UrgentUnderBacklog(part).run(hub, ds, db);
            if (settings.parts.contains("lanes")) ok &= new SlowAndHanging(part).run(hub, ds, db);
            if (settings.parts.contains("naive")) ok &= new NaiveLoop(part).run(hub, ds, db);
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
        p.putAll(settings.tuning());
        return p;
    }

    private void printHeader() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Budstikke delivery benchmark  events=%d k=%d warm-up=%d backlog=%d naive=%d db=%s parts=%s%n",
                settings.events, settings.k, settings.warmup, settings.backlog, settings.naive,
                settings.databases, settings.parts);
        System.out.printf(Locale.ROOT, "java %s (%s), %d CPUs, max heap %d MiB%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), rt.availableProcessors(), rt.maxMemory() >> 20);
        System.out.println("hub tuning: " + settings.tuning());
        System.out.printf(Locale.ROOT, "servers on loopback: WireMock HTTP :%d (201), GreenMail SMTP :%d (no TLS), MINA SSHD SFTP :%d "
                        + "(RSA 3072 client key, strict known_hosts)%n",
                servers.http.port(), servers.mail.getSmtp().getPort(), servers.sftp.port());
        System.out.println("client, hub and servers share this JVM and machine; times in ms from the database's timestamps");
        System.out.println("run folder (databases, hub.log): " + runDir.toAbsolutePath());
    }
}

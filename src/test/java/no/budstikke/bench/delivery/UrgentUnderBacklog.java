package no.budstikke.bench.delivery;

import static no.budstikke.bench.delivery.Notices.BACKLOG_OFFICE;
import static no.budstikke.bench.delivery.Notices.CHANNELS;
import static no.budstikke.bench.delivery.Notices.COPY_NOTICE;
import static no.budstikke.bench.delivery.Notices.URGENT_OFFICE;
import static no.budstikke.bench.delivery.Notices.backlogDone;
import static no.budstikke.bench.delivery.Notices.bindCopy;
import static no.budstikke.bench.delivery.Notices.count;
import static no.budstikke.bench.delivery.Notices.countWhere;
import static no.budstikke.bench.delivery.Notices.only;
import static no.budstikke.bench.delivery.Notices.pending;
import static no.budstikke.bench.delivery.Notices.rows;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import no.budstikke.bench.BenchSupport.Cpu;
import no.budstikke.testing.TestHub;

/** Part urgent: URGENT notices while a backlog of NORMAL notices to one office drains. */
final class UrgentUnderBacklog {

    private final Map<String, String> settings;
    private final Servers servers;
    private final Traffic traffic;
    /** The running PostgreSQL's data folder (for its CPU time), or null on H2. */
    private final Path pgData;
    private final int backlog;
    private final int backlogDelayMs;
    private final int urgentEveryMs;
    private final int urgentEventEvery;
    private final Duration drainDeadline;
    private final boolean sample;

    UrgentUnderBacklog(Part part) {
        this.settings = part.settings().values();
        this.servers = part.servers();
        this.traffic = part.traffic();
        this.pgData = part.pgData();
        this.backlog = part.settings().backlog;
        this.backlogDelayMs = part.settings().backlogDelayMs;
        this.urgentEveryMs = part.settings().urgentEveryMs;
        this.urgentEventEvery = part.settings().urgentEventEvery;
        this.drainDeadline = part.settings().drainDeadline;
        this.sample = part.settings().sample;
    }

    boolean run(TestHub hub, DataSource ds, String db) throws Exception {
        System.out.printf(Locale.ROOT, "-- urgent: %d NORMAL notices to one HTTP office answering in %s, then an URGENT notice every %d ms "
                + "(and every %d-th time an URGENT missing event) while it drains; measured for at most %d s%n",
                backlog, backlogDelayMs == 0 ? "no time" : backlogDelayMs + " ms", urgentEveryMs, urgentEventEvery, drainDeadline.toSeconds());
        if (backlogDelayMs > 0) servers.answerSlowly("/" + BACKLOG_OFFICE, backlogDelayMs);
        String template = traffic.httpTemplate(ds);
        hub.context().getRouteController().stopRoute("deliver");
        long w0 = System.nanoTime();
        OffsetDateTime old = OffsetDateTime.now().minusHours(1);
        String backlogAddress = "http://127.0.0.1:" + servers.http.port() + "/" + BACKLOG_OFFICE;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(COPY_NOTICE)) {
                for (int i = 0; i < backlog; i++) {
                    OffsetDateTime created = old.plusNanos(i * 1000L);
                    bindCopy(ps, traffic.noticeId("bk", i), "NORMAL", 2, BACKLOG_OFFICE, backlogAddress,
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
                bindCopy(ps, traffic.noticeId("ur", n), "URGENT", 0, URGENT_OFFICE, urgentAddress,
                        OffsetDateTime.now(), template);
                ps.executeUpdate();
                if (n % urgentEventEvery == 0) {
                    HttpResponse<String> r = traffic.postOne(hub, traffic.event("u", injectedEvents.getAndIncrement()));
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
            fromEvents = rows(ds, traffic.eventIdPrefix("u"), null).stream().filter(r -> r.priority().equals("URGENT")).toList();
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
    /** Runs the hub's claim statements once (without marking anything) and times them and the commit. */
    private String probeClaim(DataSource ds) throws SQLException {
        int limit = Integer.parseInt(settings.get("batch-size"));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long due = countWhere(ds, "status IN ('CREATED', 'FAILED') AND channel <> 'TASK'");
            long t0 = System.nanoTime();
            int rows = OutboxStatements.claim(c, OffsetDateTime.now(), limit).size();
            long t1 = System.nanoTime();
            c.commit();
            long t2 = System.nanoTime();
            c.setAutoCommit(true);
            return String.format(Locale.ROOT, "the hub's claim (due ids, then LIMIT %d … FOR UPDATE SKIP LOCKED) with %d notices due: "
                    + "%d rows in %.0f ms, commit %.0f ms", limit, due, rows, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }
}

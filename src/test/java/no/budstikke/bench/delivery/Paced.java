package no.budstikke.bench.delivery;

import static no.budstikke.bench.BenchSupport.positive;
import static no.budstikke.bench.delivery.Notices.CHANNELS;
import static no.budstikke.bench.delivery.Notices.notDelivered;
import static no.budstikke.bench.delivery.Notices.only;
import static no.budstikke.bench.delivery.Notices.pending;
import static no.budstikke.bench.delivery.Notices.rows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import no.budstikke.bench.BenchSupport.Cpu;
import no.budstikke.bench.delivery.Traffic.Drained;
import no.budstikke.testing.TestHub;

/** Part paced: ingest → delivered at a steady rate the hub keeps up with, so latency without queueing. */
final class Paced {

    private final Map<String, String> settings;
    private final Traffic traffic;
    /** The running PostgreSQL's data folder (for its CPU time), or null on H2. */
    private final Path pgData;
    private final Duration e2eDeadline;

    Paced(Part part) {
        this.settings = part.settings().values();
        this.traffic = part.traffic();
        this.pgData = part.pgData();
        this.e2eDeadline = part.settings().e2eDeadline;
    }

    boolean run(TestHub hub, DataSource ds, String db) throws Exception {
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
                if (traffic.postOne(hub, traffic.event("p", i)).statusCode() == 202) accepted.incrementAndGet(); else failed.incrementAndGet();
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        long postDeadline = System.nanoTime() + e2eDeadline.toNanos();
        while (next.get() < count && System.nanoTime() < postDeadline) Thread.sleep(50);
        poster.shutdown();
        poster.awaitTermination(30, TimeUnit.SECONDS);
        Drained drained = traffic.awaitDelivered(ds, "p", accepted.get(), e2eDeadline);
        String cpu = Cpu.sample(pgData).minus(cpu0, System.nanoTime() - t0);
        List<Row> rows = rows(ds, traffic.eventIdPrefix("p"), null);
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
            System.out.println("FAIL paced: not DELIVERED: " + notDelivered(ds, traffic.eventIdPrefix("p")));
            ok = false;
        }
        return ok;
    }
}

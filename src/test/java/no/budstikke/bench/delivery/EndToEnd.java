package no.budstikke.bench.delivery;

import static no.budstikke.bench.delivery.Notices.CHANNELS;
import static no.budstikke.bench.delivery.Notices.count;
import static no.budstikke.bench.delivery.Notices.notDelivered;
import static no.budstikke.bench.delivery.Notices.only;
import static no.budstikke.bench.delivery.Notices.rows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import no.budstikke.bench.BenchSupport.Cpu;
import no.budstikke.bench.delivery.Traffic.Drained;
import no.budstikke.bench.delivery.Traffic.Posted;
import no.budstikke.testing.TestHub;

/** Part e2e: events/s from the first POST to the last notice delivered, with fan-out to all three channels, and latency under that burst. */
final class EndToEnd {

    private final Map<String, String> settings;
    private final Servers servers;
    private final Traffic traffic;
    /** The running PostgreSQL's data folder (for its CPU time), or null on H2. */
    private final Path pgData;
    private final int events;
    private final int k;
    private final boolean sample;
    private final Duration e2eDeadline;

    EndToEnd(Part part) {
        this.settings = part.settings().values();
        this.servers = part.servers();
        this.traffic = part.traffic();
        this.pgData = part.pgData();
        this.events = part.settings().events;
        this.k = part.settings().k;
        this.sample = part.settings().sample;
        this.e2eDeadline = part.settings().e2eDeadline;
    }

    boolean run(TestHub hub, DataSource ds, String db) throws Exception {
        System.out.println("-- e2e: " + events + " events (missing from a Bergen centre / leave application, alternating), "
                + k + " clients, fan-out to HTTP, SFTP and mail");
        Received before = servers.received();
        Sampler sampler = sample ? Sampler.start(pgData) : null;
        Cpu.Sample cpu0 = Cpu.sample(pgData);
        long t0 = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        Posted posted = traffic.postEvents(hub, "m", events);
        Drained drained = traffic.awaitDelivered(ds, "m", posted.accepted(), e2eDeadline);
        String cpu = Cpu.sample(pgData).minus(cpu0, System.nanoTime() - t0);
        String samples = sampler == null ? null : sampler.stop();
        Received after = servers.received();

        List<Row> rows = rows(ds, traffic.eventIdPrefix("m"), null);
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
            System.out.println("FAIL e2e: not DELIVERED: " + notDelivered(ds, traffic.eventIdPrefix("m")));
            ok = false;
        }
        ok &= servers.check("e2e", before, after, Map.of("HTTP", count(rows, "HTTP"), "SFTP", count(rows, "SFTP"), "MAIL", count(rows, "MAIL")));
        return ok;
    }
}

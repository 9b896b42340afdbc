package no.budstikke.bench.delivery;

import static no.budstikke.bench.delivery.Notices.COPY_NOTICE;
import static no.budstikke.bench.delivery.Notices.NAIVE_OFFICE;
import static no.budstikke.bench.delivery.Notices.bindCopy;
import static no.budstikke.bench.delivery.Notices.countWhere;
import static no.budstikke.bench.delivery.Notices.update;
import static no.budstikke.bench.delivery.OutboxStatements.JOURNAL_ATTEMPT;
import static no.budstikke.bench.delivery.OutboxStatements.MARK_DELIVERED;
import static no.budstikke.bench.delivery.OutboxStatements.MARK_SENDING;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import no.budstikke.bench.BenchSupport.Cpu;
import no.budstikke.testing.TestHub;

/** Part naive: the same workload through the hub's outbox and through a loop of one statement and one commit at a time. */
final class NaiveLoop {

    private final Map<String, String> settings;
    private final Servers servers;
    private final Traffic traffic;
    /** The running PostgreSQL's data folder (for its CPU time), or null on H2. */
    private final Path pgData;
    private final int naive;
    private final Duration naiveDeadline;

    NaiveLoop(Part part) {
        this.settings = part.settings().values();
        this.servers = part.servers();
        this.traffic = part.traffic();
        this.pgData = part.pgData();
        this.naive = part.settings().naive;
        this.naiveDeadline = part.settings().naiveDeadline;
    }

    boolean run(TestHub hub, DataSource ds, String db) throws Exception {
        System.out.printf(Locale.ROOT, "-- naive: %d notices to a fast HTTP office, written and delivered by the hub's outbox, then %d more "
                + "by a loop of one statement and one commit at a time, one notice at a time (at most %d s per phase)%n",
                naive, naive, naiveDeadline.toSeconds());
        // Whatever is still due (the rest of the backlog, NORMAL notices of the urgent events) is set
        // aside, so that both find only their own notices; the rows stay, as a hub's history does.
        long setAside = update(ds, "UPDATE notice SET status = 'CANCELLED' WHERE status IN ('CREATED', 'FAILED', 'SENDING') AND channel <> 'TASK'");
        long tableRows = countWhere(ds, "1 = 1");
        System.out.printf(Locale.ROOT, "naive    db=%s the notice table holds %d rows (%d still-due ones set aside as CANCELLED)%n", db, tableRows, setAside);
        String template = traffic.httpTemplate(ds);
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
                    bindCopy(ps, traffic.noticeId("hb", i), "NORMAL", 2, hubOffice, hubAddress, old.plusNanos(i * 1000L), template);
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
                    bindCopy(ps, traffic.noticeId("nv", written), "NORMAL", 2, NAIVE_OFFICE, naiveAddress, old.plusNanos(written * 1000L), template);
                    ps.executeUpdate();
                }
            }
        }
        double writeS = (System.nanoTime() - w0) / 1e9;

        // Claim, send, mark: the hub's own statements, each its own commit: the claim (due ids, then
        // SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED of those), UPDATE to SENDING, POST, INSERT the attempt, UPDATE to DELIVERED.
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
            try (PreparedStatement sending = c.prepareStatement(MARK_SENDING);
                 PreparedStatement attempt = c.prepareStatement(JOURNAL_ATTEMPT);
                 PreparedStatement done = c.prepareStatement(MARK_DELIVERED)) {
                while (System.nanoTime() < sDeadline) {
                    long t0 = System.nanoTime();
                    OffsetDateTime now = OffsetDateTime.now();
                    List<OutboxStatements.Claimed> one = OutboxStatements.claim(c, now, 1);
                    if (one.isEmpty()) break;
                    String id = one.get(0).id();
                    String document = one.get(0).document();
                    int attemptNo = one.get(0).attempts() + 1;
                    long t1 = System.nanoTime();
                    sending.setInt(1, attemptNo);
                    sending.setObject(2, now.plusMinutes(2));
                    sending.setObject(3, now);
                    sending.setString(4, id);
                    sending.executeUpdate();
                    long t2 = System.nanoTime();
                    HttpResponse<Void> r = traffic.client().send(HttpRequest.newBuilder(URI.create(naiveAddress))
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
}

package no.budstikke.bench.delivery;

import static no.budstikke.bench.delivery.Notices.COPY_NOTICE;
import static no.budstikke.bench.delivery.Notices.bindCopy;
import static no.budstikke.bench.delivery.Notices.countWhere;
import static no.budstikke.bench.delivery.Notices.pending;
import static no.budstikke.bench.delivery.Notices.rows;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import no.budstikke.testing.TestHub;

/**
 * Part lanes: URGENT notices while one HTTP office answers in 200 ms and another never answers,
 * each with a backlog of NORMAL notices queued ahead of them. Reports created → delivered of the
 * URGENT notices (the p99 is the figure), and the most senders each bad office held at once.
 */
final class SlowAndHanging {

    static final String SLOW_OFFICE = "bench-slow";
    static final String HANGING_OFFICE = "bench-hanging";
    static final String URGENT_OFFICE = "bench-urgent-lanes";
    private static final int BACKLOG_EACH = 2_000;
    private static final int SLOW_MS = 200;
    private static final long INJECT_SECONDS = 30;

    private final Servers servers;
    private final Traffic traffic;
    private final int urgentEveryMs;

    SlowAndHanging(Part part) {
        this.servers = part.servers();
        this.traffic = part.traffic();
        this.urgentEveryMs = part.settings().urgentEveryMs;
    }

    boolean run(TestHub hub, DataSource ds, String db) throws Exception {
        System.out.printf(Locale.ROOT, "-- lanes: %d NORMAL notices each to an HTTP office answering in %d ms and to one never answering, "
                + "then an URGENT notice to a third office every %d ms for %d s%n", BACKLOG_EACH, SLOW_MS, urgentEveryMs, INJECT_SECONDS);
        servers.answerSlowly("/" + SLOW_OFFICE, SLOW_MS);
        String template = traffic.httpTemplate(ds);
        String slowAddress = "http://127.0.0.1:" + servers.http.port() + "/" + SLOW_OFFICE;
        String urgentAddress = "http://127.0.0.1:" + servers.http.port() + "/" + URGENT_OFFICE;
        try (Hanging hanging = new Hanging()) {
            hub.context().getRouteController().stopRoute("deliver");
            OffsetDateTime old = OffsetDateTime.now().minusHours(1);
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(COPY_NOTICE)) {
                    for (int i = 0; i < BACKLOG_EACH; i++) {
                        bindCopy(ps, traffic.noticeId("ls", i), "NORMAL", 2, SLOW_OFFICE, slowAddress, old.plusNanos(2000L * i), template);
                        ps.addBatch();
                        bindCopy(ps, traffic.noticeId("lh", i), "NORMAL", 2, HANGING_OFFICE, hanging.url(), old.plusNanos(2000L * i + 1000),
                                template);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            AtomicInteger injected = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ScheduledExecutorService injector = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-lanes-injector");
                t.setDaemon(true);
                return t;
            });
            hub.context().getRouteController().startRoute("deliver");
            long d0 = System.nanoTime();
            injector.scheduleAtFixedRate(() -> {
                try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(COPY_NOTICE)) {
                    bindCopy(ps, traffic.noticeId("lu", injected.getAndIncrement()), "URGENT", 0, URGENT_OFFICE, urgentAddress,
                            OffsetDateTime.now(), template);
                    ps.executeUpdate();
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }, urgentEveryMs / 2, urgentEveryMs, TimeUnit.MILLISECONDS);
            long maxSlow = 0;
            while (System.nanoTime() - d0 < TimeUnit.SECONDS.toNanos(INJECT_SECONDS)) {
                Thread.sleep(250);
                maxSlow = Math.max(maxSlow, countWhere(ds, "office_id = '" + SLOW_OFFICE + "' AND status = 'SENDING'"));
            }
            injector.shutdown();
            injector.awaitTermination(30, TimeUnit.SECONDS);
            List<Row> urgent;
            long last = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                Thread.sleep(250);
                urgent = rows(ds, null, URGENT_OFFICE);
            } while (System.nanoTime() < last && pending(urgent) > 0);
            long slowDone = countWhere(ds, "office_id = '" + SLOW_OFFICE + "' AND status = 'DELIVERED'");
            hub.context().getRouteController().stopRoute("deliver");

            System.out.printf(Locale.ROOT, "lanes    db=%s URGENT p99 with one office answering in %d ms and one never answering: "
                    + "created → delivered ms  %s%n", db, SLOW_MS, Stats.of(urgent, Row::createdToDelivered).line());
            System.out.printf(Locale.ROOT, "lanes    db=%s the hanging office held at most %d connections at once; the slow office at most %d "
                    + "notices SENDING, %d delivered in %d s%n", db, hanging.most.get(), maxSlow, slowDone, INJECT_SECONDS);
            boolean ok = failures.get() == 0 && pending(urgent) == 0;
            if (!ok) System.out.printf(Locale.ROOT, "FAIL lanes: %d injections failed, %d URGENT notices not delivered%n", failures.get(),
                    pending(urgent));
            return ok;
        }
    }

    /** An HTTP office that accepts connections, reads, and never answers; closing it drops them all. */
    private static final class Hanging implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final AtomicInteger most = new AtomicInteger();

        Hanging() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept();
                        open.add(s);
                        most.accumulateAndGet(open.size(), Math::max);
                        Thread reader = new Thread(() -> drain(s), "bench-hanging-reader");
                        reader.setDaemon(true);
                        reader.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "bench-hanging");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + listener.getLocalPort() + "/" + HANGING_OFFICE;
        }

        private void drain(Socket s) {
            byte[] buffer = new byte[8192];
            try (InputStream in = s.getInputStream()) {
                while (in.read(buffer) >= 0) {
                    // never answers
                }
            } catch (IOException e) {
                // closed
            } finally {
                open.remove(s);
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : open) s.close();
        }
    }
}

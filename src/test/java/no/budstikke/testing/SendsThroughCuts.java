package no.budstikke.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import no.budstikke.delivery.Delivery;
import no.budstikke.delivery.Failure;
import org.apache.camel.Exchange;

/**
 * Notices sent from several threads as the outbox sends them (a send that failed is sent again,
 * with the same id), while a {@link CountingProxy} cuts every open connection after every 30 sends,
 * five times. Each failure must be one the outbox retries.
 */
public final class SendsThroughCuts {

    private SendsThroughCuts() {
    }

    /** Sends every notice until it goes through; returns the failures on the way. */
    public static List<Failure> send(List<Delivery> notices, int senders, CountingProxy proxy, Function<Delivery, Exchange> send,
                                     Function<Throwable, Failure> classify, Duration within) throws Exception {
        ConcurrentLinkedQueue<Failure> seen = new ConcurrentLinkedQueue<>();
        AtomicInteger sends = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders + 1);
        try {
            Future<?> cutter = pool.submit(() -> {
                for (int i = 1; i <= 5; i++) {
                    int after = 30 * i;
                    // A cut makes the servers' own threads throw: expected here, so not caught.
                    await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> sends.get() >= after);
                    proxy.dropAll();
                }
                return null;
            });
            List<Future<?>> running = new ArrayList<>();
            for (List<Delivery> share : shares(notices, senders)) {
                running.add(pool.submit(() -> {
                    for (Delivery d : share) {
                        for (int attempt = 1; ; attempt++) {
                            Exchange e = send.apply(d);
                            sends.incrementAndGet();
                            if (e.getException() == null) break;
                            Failure f = classify.apply(e.getException());
                            seen.add(f);
                            assertThat(f.permanent()).isFalse();
                            assertThat(attempt).as("attempts at one notice").isLessThan(10);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get(within.toSeconds(), TimeUnit.SECONDS);
            cutter.cancel(true);
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(seen);
    }

    /** The notices dealt out to {@code n} senders in turn. */
    public static List<List<Delivery>> shares(List<Delivery> notices, int n) {
        List<List<Delivery>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new ArrayList<>());
        for (int i = 0; i < notices.size(); i++) out.get(i % n).add(notices.get(i));
        return out;
    }
}

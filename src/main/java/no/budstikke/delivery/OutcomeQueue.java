package no.budstikke.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcomes of attempts, written in groups: a sender hands its outcome over and is free at once,
 * and one writer commits what has gathered, at most {@code batch} at a time, once {@code linger}
 * has passed since the first or the batch is full, in one transaction ({@link Outbox#write}). While
 * an outcome waits its notice stays in hand, its lease renewed: an instance that dies before the
 * write loses the outcome, and the notice is sent again with its id when the lease runs out. Stop
 * ({@link #close}) writes what waits.
 */
public final class OutcomeQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeQueue.class);

    private final Outbox outbox;
    private final FailureClassifier classifier;
    private final int batch;
    private final long lingerNanos;
    private final List<Outbox.Outcome> waiting = new ArrayList<>();
    private final AtomicLong writes = new AtomicLong();
    private final Thread writer;
    private boolean closed;

    private OutcomeQueue(Outbox outbox, FailureClassifier classifier, int batch, Duration linger) {
        if (batch < 1 || linger.isNegative()) throw new IllegalArgumentException("an outcome batch needs at least 1 outcome and a linger of 0 or more");
        this.outbox = outbox;
        this.classifier = classifier;
        this.batch = batch;
        this.lingerNanos = linger.toNanos();
        this.writer = new Thread(this::run, "delivery-outcomes");
        writer.setDaemon(true);
    }

    /** A queue whose writer runs from now until {@link #close}. */
    public static OutcomeQueue start(Outbox outbox, FailureClassifier classifier, int batch, Duration linger) {
        OutcomeQueue queue = new OutcomeQueue(outbox, classifier, batch, linger);
        queue.writer.start();
        return queue;
    }

    /** The office accepted the notice. */
    public void delivered(Delivery delivery, String receipt) {
        add(outbox.deliveredOutcome(delivery, receipt));
    }

    /** The channel threw: the failure is named now, and the retry or DEAD written with the others. */
    public void failed(Delivery delivery, Throwable failure) {
        add(outbox.failedOutcome(delivery, classifier.classify(delivery.channel(), failure)));
    }

    /** How many transactions have written outcomes so far. */
    public long writes() {
        return writes.get();
    }

    private void add(Outbox.Outcome outcome) {
        synchronized (this) {
            if (!closed) {
                waiting.add(outcome);
                if (waiting.size() == 1 || waiting.size() >= batch) notifyAll();
                return;
            }
        }
        write(List.of(outcome)); // after the stop: written at once, alone
    }

    private void run() {
        try {
            for (List<Outbox.Outcome> next = next(); !next.isEmpty(); next = next()) {
                write(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next group to write: waits for a first outcome, then up to {@code linger} for more; empty once closed and drained. */
    private synchronized List<Outbox.Outcome> next() throws InterruptedException {
        while (waiting.isEmpty() && !closed) wait();
        long until = System.nanoTime() + lingerNanos;
        for (long left = lingerNanos; waiting.size() < batch && !closed && left > 0; left = until - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        List<Outbox.Outcome> group = new ArrayList<>(waiting.subList(0, Math.min(batch, waiting.size())));
        waiting.subList(0, group.size()).clear();
        return group;
    }

    private void write(List<Outbox.Outcome> group) {
        try {
            outbox.write(group);
            writes.incrementAndGet();
        } catch (RuntimeException e) {
            // The class only: a database message may quote the values. The notices' leases run out and they are sent again.
            LOG.error("delivery outcomes of {} notice(s) not written ({}): they will be sent again with their ids", group.size(),
                    e.getClass().getName());
        }
    }

    /** Writes every outcome that waits, then stops the writer. */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        writer.join(TimeUnit.SECONDS.toMillis(30));
    }
}

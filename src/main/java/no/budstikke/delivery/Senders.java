package no.budstikke.delivery;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The delivery route's claim: as many due notices as there are free senders, each started in its
 * lane ({@link Lanes}), so that the claim never waits for a batch to be sent, and nothing claimed
 * waits for a sender. Probes of offices in back-off are claimed besides, one per office at most.
 * A claim comes every poll interval, and as soon as a sender is free again: a sender that finishes
 * a notice does not wait for the next poll to get another one.
 */
public final class Senders {

    /**
     * How long the claim reads only the head of the queue after passing over the busy offices found
     * nothing else to send. Passing over reads every routine row of those offices ahead of the first
     * other one: with a backlog of tens of thousands to one office, a claim of hundreds of ms on H2,
     * which would hold up every freed sender of that very office. The head still gives URGENT
     * notices and the busy offices' next ones; routine notices of other offices queued behind the
     * backlog wait this long at most.
     */
    static final long RESCAN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Outbox outbox;
    private final Lanes lanes;
    private final Object signal = new Object();
    private boolean freed;
    private long lastClaim = System.nanoTime();
    /** The busy offices a pass-over found nothing beyond, until {@link #rescanAt}. */
    private Set<String> passedOverInVain = Set.of();
    private long rescanAt;

    public Senders(Outbox outbox, Lanes lanes) {
        this.outbox = outbox;
        this.lanes = lanes;
    }

    /**
     * Claims up to {@code max} notices for the free senders, once a sender is freed or {@code pollMs}
     * after the last claim, whichever comes first; none when every sender is busy. One caller at a time.
     */
    public List<Delivery> claim(int max, long pollMs) throws InterruptedException {
        synchronized (signal) {
            long until = lastClaim + TimeUnit.MILLISECONDS.toNanos(pollMs);
            for (long left = until - System.nanoTime(); left > 0 && !(freed && lanes.free() > 0); left = until - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(signal, left);
            }
            freed = false;
        }
        lastClaim = System.nanoTime();
        return claim(max);
    }

    /** Claims up to {@code max} notices for the free senders now; none when every sender is busy. */
    public List<Delivery> claim(int max) {
        int room = Math.min(max, lanes.free());
        if (room == 0) return List.of();
        Set<String> busy = lanes.busyOffices();
        long now = System.nanoTime();
        boolean passOver = !busy.isEmpty() && !(busy.equals(passedOverInVain) && now - rescanAt < 0);
        List<Delivery> claimed = outbox.claim(room, passOver ? busy : Set.of(), lanes::pick);
        if (passOver) {
            passedOverInVain = claimed.isEmpty() ? busy : Set.of();
            rescanAt = now + RESCAN_NANOS;
        }
        claimed.forEach(d -> lanes.start(d.officeId(), d.priority()));
        return claimed;
    }

    /** The sender is done with the notice, whatever came of it: its lane is free again, and the claim is woken. */
    public void done(Delivery delivery) {
        lanes.finish(delivery.officeId(), delivery.priority());
        outbox.finished(delivery);
        synchronized (signal) {
            freed = true;
            signal.notifyAll();
        }
    }

    public Lanes lanes() {
        return lanes;
    }
}

package no.budstikke.delivery;

import java.util.List;

/**
 * The delivery route's claim: as many due notices as there are free senders, each started in its
 * lane ({@link Lanes}), so that the claim never waits for a batch to be sent, and nothing claimed
 * waits for a sender. Probes of offices in back-off are claimed besides, one per office at most.
 */
public final class Senders {

    private final Outbox outbox;
    private final Lanes lanes;

    public Senders(Outbox outbox, Lanes lanes) {
        this.outbox = outbox;
        this.lanes = lanes;
    }

    /** Claims up to {@code max} notices for the free senders; none when every sender is busy. */
    public List<Delivery> claim(int max) {
        int room = Math.min(max, lanes.free());
        if (room == 0) return List.of();
        List<Delivery> claimed = outbox.claim(room, lanes.busyOffices(), lanes::pick);
        claimed.forEach(d -> lanes.start(d.officeId(), d.priority()));
        return claimed;
    }

    /** The sender is done with the notice, whatever came of it: its lane is free again. */
    public void done(Delivery delivery) {
        lanes.finish(delivery.officeId(), delivery.priority());
        outbox.finished(delivery);
    }

    public Lanes lanes() {
        return lanes;
    }
}

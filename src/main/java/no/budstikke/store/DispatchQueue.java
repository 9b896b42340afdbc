package no.budstikke.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The received events waiting for dispatch, in {@code inbound_event}: RECEIVED ones, and held ones
 * ops released. Several instances share the queue: each event is claimed with its row lock,
 * skipping those another instance holds.
 */
public final class DispatchQueue {

    private static final List<EventState> DISPATCHABLE = List.of(EventState.RECEIVED, EventState.RELEASED);

    /** A stored event as dispatch reads it; {@code payload} is personal data. */
    public record StoredEvent(String payload, String dufNumber, OffsetDateTime eventTime, EventState status) {
    }

    /** A stored event claimed as one of a group, under its key. */
    public record ClaimedEvent(String eventKey, String payload, String dufNumber, OffsetDateTime eventTime, EventState status) {

        public StoredEvent event() {
            return new StoredEvent(payload, dufNumber, eventTime, status);
        }
    }

    private final Transactions transactions;
    private final Clock clock;

    public DispatchQueue(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The keys of up to {@code max} events waiting for dispatch, oldest first. */
    public List<String> pending(int max) {
        return transactions.read(tx -> tx.attach(DispatchQueueSql.class).pending(DISPATCHABLE, max));
    }

    /** Locks the event until the transaction ends, if it still waits and no other instance holds it. */
    public Optional<StoredEvent> claim(Transaction tx, String key) {
        return tx.attach(DispatchQueueSql.class).claim(key, DISPATCHABLE);
    }

    /**
     * Claims those of {@code keys} that still wait and no other instance holds, locked until the
     * transaction ends, in intake order.
     */
    public List<ClaimedEvent> claimAll(Transaction tx, List<String> keys) {
        if (keys.isEmpty()) return List.of();
        return tx.attach(DispatchQueueSql.class).claimAll(keys, DISPATCHABLE);
    }

    /** The stored event, whatever its status. */
    public Optional<StoredEvent> event(Transaction tx, String key) {
        return tx.attach(DispatchQueueSql.class).event(key);
    }

    public void markDispatched(Transaction tx, String key) {
        setStatus(tx, key, EventState.DISPATCHED);
    }

    /** As {@link #markDispatched}, for several events in one round trip. */
    public void markAllDispatched(Transaction tx, List<String> keys) {
        if (keys.isEmpty()) return;
        tx.attach(DispatchQueueSql.class).setStatuses(keys, EventState.DISPATCHED, OffsetDateTime.now(clock));
    }

    /** An event dispatch could not decide: ops see it by this status, and dispatch takes it no more. */
    public void markFailed(String key) {
        transactions.inTransaction(tx -> {
            setStatus(tx, key, EventState.DISPATCH_FAILED);
            return null;
        });
    }

    private void setStatus(Transaction tx, String key, EventState state) {
        tx.attach(DispatchQueueSql.class).setStatus(key, state, OffsetDateTime.now(clock));
    }
}

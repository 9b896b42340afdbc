package no.budstikke.delivery.task;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import no.budstikke.store.StoredTask;
import no.budstikke.store.TaskStore;
import no.budstikke.store.Transactions;

/**
 * Notices on channel TASK: duties staff carry out by hand (O23: phone the representative and the
 * lawyer). The outbox never sends them; they stay open until ops acknowledge them
 * ({@link no.budstikke.delivery.Outbox#acknowledge}), which makes them DELIVERED.
 */
public final class Tasks {

    private final TaskStore store;
    private final Clock clock;

    public Tasks(Transactions transactions, Clock clock) {
        this.store = new TaskStore(transactions);
        this.clock = clock;
    }

    /** Open tasks (or all, newest acknowledged too), most urgent and earliest due first. */
    public List<StoredTask> list(boolean all, int limit) {
        return store.list(all, limit);
    }

    public Optional<StoredTask> get(String noticeId) {
        return store.get(noticeId);
    }

    /** Open tasks whose due time has come. */
    public List<StoredTask> overdue(int limit) {
        return store.overdue(now(), limit);
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}

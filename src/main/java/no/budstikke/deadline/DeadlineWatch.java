package no.budstikke.deadline;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import no.budstikke.model.Deadline;
import no.budstikke.store.DeadlineRun;
import no.budstikke.store.DeadlineRuns;
import no.budstikke.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every running deadline on each tick of the deadlines timer: met by delivery, at risk,
 * breached ({@link DeadlineTransitions}). Each run is checked in a transaction of its own under
 * {@code FOR UPDATE SKIP LOCKED}, so instances sharing the database never take the same run at once,
 * and a run another instance has just moved on is no longer RUNNING when read again.
 */
public final class DeadlineWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatch.class);

    private final Transactions transactions;
    private final Deadlines deadlines;
    private final DeadlineRuns runs;
    private final DeadlineTransitions transitions;
    private final Clock clock;

    public DeadlineWatch(Transactions transactions, Deadlines deadlines, DeadlineRuns runs, DeadlineTransitions transitions, Clock clock) {
        this.transactions = transactions;
        this.deadlines = deadlines;
        this.runs = runs;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Checks every running deadline, {@code pageSize} ids at a time; returns how many changed. */
    public int check(int pageSize) {
        int changed = 0;
        long after = 0;
        Set<String> unknown = new TreeSet<>();
        long last = transactions.read(runs::lastId);
        while (true) {
            long from = after;
            List<Long> ids = transactions.read(c -> runs.runningIds(c, from, last, pageSize));
            for (long id : ids) {
                try {
                    if (checkOne(id, unknown)) changed++;
                } catch (RuntimeException e) {
                    // One run that cannot be checked must not hold up the others; it is tried again next tick.
                    LOG.error("deadline run={} could not be checked: {}", id, e.getClass().getName());
                }
            }
            if (ids.size() < pageSize) break;
            after = ids.get(ids.size() - 1);
        }
        if (!unknown.isEmpty()) {
            LOG.warn("running deadlines {} are no longer in deadlines.yaml: left as they are", unknown);
        }
        return changed;
    }

    private boolean checkOne(long id, Set<String> unknown) {
        return transactions.inTransaction(c -> {
            Optional<DeadlineRun> run = runs.lockRunning(c, id);
            if (run.isEmpty()) return false;
            Optional<Deadline> d = deadlines.byId(run.get().deadlineId());
            if (d.isEmpty()) {
                unknown.add(run.get().deadlineId());
                return false;
            }
            return !(transitions.advance(c, d.get(), run.get(), clock.instant()) instanceof DeadlineRules.Step.Wait);
        });
    }
}

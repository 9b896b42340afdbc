package no.budstikke;

import java.time.Clock;
import no.budstikke.deadline.DeadlineRules;
import no.budstikke.deadline.DeadlineTracker;
import no.budstikke.deadline.DeadlineTransitions;
import no.budstikke.deadline.DeadlineWatch;
import no.budstikke.deadline.Deadlines;
import no.budstikke.store.DeadlineRuns;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Deadlines started and closed as events are dispatched (the tracker), and checked on a timer (the watch). */
public final class DeadlineWatchWiring implements CamelConfiguration {

    @BindToRegistry
    public DeadlineTracker deadlineTracker(Deadlines deadlines, DeadlineRules rules, DeadlineRuns runs, DeadlineTransitions transitions,
                                           Clock clock) {
        return new DeadlineTracker(deadlines, rules, runs, transitions, clock);
    }

    @BindToRegistry
    public DeadlineWatch deadlineWatch(Transactions transactions, Deadlines deadlines, DeadlineRuns runs, DeadlineTransitions transitions,
                                       Clock clock) {
        return new DeadlineWatch(transactions, deadlines, runs, transitions, clock);
    }
}

package no.budstikke;

import no.budstikke.ConfigWiring.StartConfig;
import no.budstikke.alert.Alerts;
import no.budstikke.deadline.DeadlineRules;
import no.budstikke.deadline.DeadlineTransitions;
import no.budstikke.deadline.Deadlines;
import no.budstikke.model.DeadlineClock;
import no.budstikke.model.NorwegianCalendar;
import no.budstikke.reload.LiveConfig;
import no.budstikke.store.DeadlineRuns;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The deadlines (deadlines.yaml, checked with the routing rules) and the rules that move them on. */
public final class DeadlineWiring implements CamelConfiguration {

    /** deadlines.yaml is read at start only. */
    @BindToRegistry
    public Deadlines deadlines(StartConfig config) {
        return new Deadlines(config.folder().deadlines());
    }

    @BindToRegistry
    public DeadlineRuns deadlineRuns() {
        return new DeadlineRuns();
    }

    /** The directory the rules look offices up in reloads. */
    @BindToRegistry
    public DeadlineRules deadlineRules(LiveConfig live) {
        return new DeadlineRules(new DeadlineClock(new NorwegianCalendar()), () -> live.current().dispatcher().config().directory());
    }

    @BindToRegistry
    public DeadlineTransitions deadlineTransitions(DeadlineRules rules, DeadlineRuns runs, Alerts alerts, StartConfig config) {
        return new DeadlineTransitions(rules, runs, alerts, config.folder().escalationMailboxes());
    }
}

package no.budstikke.deadline;

import no.budstikke.store.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.alert.Alert;
import no.budstikke.alert.Alerts;
import no.budstikke.deadline.DeadlineRules.Step;
import no.budstikke.model.Deadline;
import no.budstikke.model.DeadlineClock;
import no.budstikke.store.DeadlineRun;
import no.budstikke.store.DeadlineRuns;
import no.budstikke.store.WatchedNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a running deadline's next step ({@link DeadlineRules#step}) in the caller's
 * transaction: met, at risk (one alert), or breached (marked, one alert), and for a repeating
 * deadline the next round from the moment this one closed or lapsed. Logs name the deadline, run
 * and event key only.
 */
public final class DeadlineTransitions {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineTransitions.class);

    private final DeadlineRules rules;
    private final DeadlineRuns runs;
    private final Alerts alerts;
    private final Map<String, String> mailboxes;

    /** @param mailboxes per deadline id, a mailbox other than the ops mailbox to escalate to; absent: the ops mailbox */
    public DeadlineTransitions(DeadlineRules rules, DeadlineRuns runs, Alerts alerts, Map<String, String> mailboxes) {
        this.rules = rules;
        this.runs = runs;
        this.alerts = alerts;
        this.mailboxes = Map.copyOf(mailboxes);
    }

    /** Applies the step due at {@code now} to a running (and locked) run; returns it. */
    public Step advance(Transaction tx, Deadline d, DeadlineRun run, Instant now) {
        List<WatchedNotice> notices = d.closes() instanceof Deadline.Closing.Delivered
                ? runs.watched(tx, d, run, d.per() == Deadline.Per.UDI_REGION ? rules.regionOffices(run.udiRegion()) : List.of())
                : List.of();
        Step step = DeadlineRules.step(d, run, now, notices);
        String closedBy = run.closedBy() != null ? run.closedBy() : DeadlineRun.DELIVERED;
        if (step instanceof Step.Met m) {
            runs.met(tx, run.id(), m.at(), closedBy);
            LOG.info("deadline {} run={} event key={} met", d.id(), run.id(), run.eventKey());
            repeat(tx, d, run, m.at(), now);
        } else if (step instanceof Step.Breached b) {
            runs.breached(tx, run.id(), now, b.metLateAt().orElse(null), closedBy);
            raise(tx, d, DeadlineAlerts.breached(d, run, notices, b.metLateAt()));
            LOG.warn("deadline {} run={} event key={} breached: was due {}", d.id(), run.id(), run.eventKey(), run.dueAt());
            repeat(tx, d, run, run.dueAt(), now);
        } else if (step instanceof Step.AtRisk) {
            runs.atRiskAlerted(tx, run.id(), now);
            raise(tx, d, DeadlineAlerts.atRisk(d, run, notices));
            LOG.warn("deadline {} run={} event key={} at risk: due {}", d.id(), run.id(), run.eventKey(), run.dueAt());
        }
        return step;
    }

    private void repeat(Transaction tx, Deadline d, DeadlineRun run, Instant from, Instant now) {
        Optional<DeadlineClock.Times> next = rules.repeat(d, from);
        if (next.isEmpty()) return;
        Optional<Long> id = runs.start(tx, DeadlineRules.openKey(d, run), d.id(), run.eventKey(), run.dufNumber(), run.udiRegion(),
                run.round() + 1, next.get(), now);
        id.ifPresent(i -> LOG.info("deadline {} run={} event key={} round {} started, due {}", d.id(), i, run.eventKey(),
                run.round() + 1, next.get().dueAt()));
    }

    private void raise(Transaction tx, Deadline d, Alert a) {
        String other = mailboxes.get(d.id());
        if (other == null) alerts.raise(tx, a);
        else alerts.raise(tx, a, other);
    }
}

package no.budstikke.deadline;

import no.budstikke.store.Transaction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import no.budstikke.dispatch.CaseFacts;
import no.budstikke.dispatch.DispatchListener;
import no.budstikke.dispatch.Dispatched;
import no.budstikke.model.CaseFile;
import no.budstikke.model.Deadline;
import no.budstikke.store.DeadlineRun;
import no.budstikke.store.DeadlineRuns;
import no.budstikke.store.DeadlineState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, closes and ends deadlines as events are dispatched, in the dispatching transaction: an
 * event's deadlines are recorded exactly when its notices are. In order: the event closes the
 * running deadlines of its case it matches ({@code closes.event} with equal {@code sameAs} values),
 * ends the repeating ones its type stops ({@code repeats.until}), then starts those whose
 * {@code starts} it meets. Logs name deadlines, runs and event keys, never the case.
 */
public final class DeadlineTracker implements DispatchListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineTracker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deadlines deadlines;
    private final DeadlineRules rules;
    private final DeadlineRuns runs;
    private final DeadlineTransitions transitions;
    private final Clock clock;

    public DeadlineTracker(Deadlines deadlines, DeadlineRules rules, DeadlineRuns runs, DeadlineTransitions transitions, Clock clock) {
        this.deadlines = deadlines;
        this.rules = rules;
        this.runs = runs;
        this.transitions = transitions;
        this.clock = clock;
    }

    @Override
    public void dispatched(Transaction tx, Dispatched d) {
        String type = d.type();
        Instant now = clock.instant();
        Instant time = eventTime(d.event()).orElse(now);
        String duf = d.after().map(CaseFile::dufNumber).orElse(null);
        if (duf != null) {
            close(tx, d, duf, time, now);
            for (Deadline dl : deadlines.endedBy(type)) {
                for (DeadlineRun run : runs.running(tx, dl.id(), duf)) {
                    runs.end(tx, run.id(), time, d.key());
                    LOG.info("deadline {} run={} event key={} ended by event key={}", dl.id(), run.id(), run.eventKey(), d.key());
                }
            }
        }
        DeadlineRules.Starts starts = rules.starts(deadlines.startedBy(type), d.key(), d.event(), duf, time,
                CaseFacts.of(d.before(), time, false));
        for (DeadlineRules.Start s : starts.started()) {
            Optional<Long> id = runs.start(tx, s.openKey(), s.deadline().id(), d.key(), s.dufNumber(), s.udiRegion(), 1, s.times(), now);
            if (id.isPresent()) {
                LOG.info("deadline {} run={} started by event key={}: due {}, at risk {}", s.deadline().id(), id.get(), d.key(),
                        s.times().dueAt(), s.times().atRiskAt());
            } else {
                LOG.info("deadline {} already runs for the {} of event key={}: none started", s.deadline().id(),
                        s.deadline().per() == Deadline.Per.UDI_REGION ? "region" : "case", d.key());
            }
        }
        for (String why : starts.skipped()) LOG.warn("deadline not started for event key={}: {}", d.key(), why);
    }

    private void close(Transaction tx, Dispatched d, String duf, Instant time, Instant now) {
        for (Deadline dl : deadlines.closedBy(d.type())) {
            for (DeadlineRun run : runs.closable(tx, dl.id(), duf)) {
                if (run.closedAt() != null || !DeadlineRules.closes(dl, read(runs.payload(tx, run.eventKey())), d.event())) continue;
                runs.closedBy(tx, run.id(), time, d.key());
                LOG.info("deadline {} run={} event key={} closed by event key={}", dl.id(), run.id(), run.eventKey(), d.key());
                // A breached one only learns when it was met after all; a running one is met (or breached, if late) now.
                if (run.state() == DeadlineState.RUNNING) transitions.advance(tx, dl, run.closed(time, d.key()), now);
            }
        }
    }

    /** The event's time: when it happened, which is when its deadlines start. */
    static Optional<Instant> eventTime(JsonNode event) {
        try {
            return Optional.of(OffsetDateTime.parse(event.path("time").asText().toUpperCase(Locale.ROOT)).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("stored payloads are JSON written by intake", e);
        }
    }
}

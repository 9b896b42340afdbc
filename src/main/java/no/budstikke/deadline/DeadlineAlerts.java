package no.budstikke.deadline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import no.budstikke.alert.Alert;
import no.budstikke.model.Deadline.Closing;
import no.budstikke.model.Deadline;
import no.budstikke.model.Priority;
import no.budstikke.model.Rfc3339;
import no.budstikke.store.DeadlineRun;
import no.budstikke.store.NoticeStatus;
import no.budstikke.store.WatchedNotice;

/**
 * The alerts of a deadline at risk or breached. They name the deadline, its run, its due time and
 * the notices still undelivered (id, duty, office id, status), never the person: they go to the ops
 * mailbox, the ops API and the journal. Keyed by run, so raising one twice stores and mails it once.
 */
public final class DeadlineAlerts {

    public static final String AT_RISK = "DEADLINE_AT_RISK";
    public static final String BREACHED = "DEADLINE_BREACHED";

    private DeadlineAlerts() {
    }

    public static Alert atRisk(Deadline d, DeadlineRun run, List<WatchedNotice> notices) {
        return new Alert(d.id() + ":" + run.id() + ":at-risk", AT_RISK, Priority.HIGH, run.eventKey(),
                d.id() + " at risk: " + d.title(),
                "Due " + local(d, run.dueAt()) + scope(run) + ". " + waitingFor(d, notices));
    }

    public static Alert breached(Deadline d, DeadlineRun run, List<WatchedNotice> notices, Optional<Instant> metLateAt) {
        String state = metLateAt.map(at -> "Met late, at " + local(d, at) + ".").orElseGet(() -> waitingFor(d, notices));
        return new Alert(d.id() + ":" + run.id() + ":breached", BREACHED, Priority.URGENT, run.eventKey(),
                d.id() + " breached: " + d.title(),
                "Was due " + local(d, run.dueAt()) + scope(run) + ". " + state);
    }

    private static String scope(DeadlineRun run) {
        return " (run " + run.id() + (run.round() > 1 ? ", round " + run.round() : "")
                + (run.udiRegion() != null ? ", UDI region " + run.udiRegion() : "") + ")";
    }

    private static String waitingFor(Deadline d, List<WatchedNotice> notices) {
        if (d.closes() instanceof Closing.EventArrives e) {
            return "Waiting for " + e.type() + (e.sameAs().isEmpty() ? "" : " with the same " + String.join(", ", e.sameAs())) + ".";
        }
        List<WatchedNotice> open = notices.stream()
                .filter(n -> n.status() != NoticeStatus.DELIVERED && n.status() != NoticeStatus.CANCELLED).toList();
        if (open.isEmpty()) {
            return "No notice of " + String.join(", ", d.watches())
                    + " was decided (recipient unresolved, or not yet sent): nobody has been told.";
        }
        return "Not delivered: " + open.stream().map(n -> n.duty() + " to " + n.officeId() + " (notice " + n.noticeId() + ", "
                + n.status().name() + ")").collect(Collectors.joining("; ")) + ".";
    }

    static String local(Deadline d, Instant t) {
        return Rfc3339.format(OffsetDateTime.ofInstant(t, d.zone()));
    }
}

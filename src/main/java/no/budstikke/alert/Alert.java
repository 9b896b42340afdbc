package no.budstikke.alert;

import java.util.Objects;
import no.budstikke.model.Priority;

/**
 * Something ops must look at: a deadline at risk or breached, an overdue task, a return without a
 * known disappearance. {@code key} makes raising idempotent (raised twice, stored and mailed once).
 * {@code subject} and {@code detail} name duties, deadlines and ids only, never people: they go
 * into the ops mail, the ops API and the journal.
 *
 * @param eventKey the event the alert is about (the journal shows the alert in its timeline)
 */
public record Alert(String key, String kind, Priority priority, String eventKey, String subject, String detail) {

    public Alert {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
    }
}

package no.budstikke.model;

import java.time.Duration;
import java.util.List;

/**
 * One duty of DOMAIN.md (O1…O38): the event type that triggers it, when it applies, who gets a
 * notice, how urgent, of which kind and for which purpose (the purpose picks the disclosure
 * policy). {@code raise} lifts the priority when its condition holds (O24: HIGH if the
 * appointment is near). {@code flags} names derived checks added to the notice (O15).
 * {@code taskDue}, when set, makes every notice a task for staff (O23: a phone call), due that
 * long after it is decided.
 */
public record Rule(
        String duty,
        String title,
        String on,
        Condition when,
        Priority priority,
        List<Raise> raise,
        String kind,
        String purpose,
        List<Recipient> recipients,
        List<String> flags,
        Source source,
        Duration taskDue) {

    /** A rule whose notices are sent, not done by staff. */
    public Rule(String duty, String title, String on, Condition when, Priority priority, List<Raise> raise, String kind,
                String purpose, List<Recipient> recipients, List<String> flags, Source source) {
        this(duty, title, on, when, priority, raise, kind, purpose, recipients, flags, source, null);
    }

    public record Raise(Condition when, Priority priority) {
    }
}

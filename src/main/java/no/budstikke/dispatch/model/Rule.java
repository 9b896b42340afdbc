package no.budstikke.dispatch.model;

import java.util.List;

/**
 * One duty of DOMAIN.md (O1…O38): the event type that triggers it, when it applies, who gets a
 * notice, how urgent, of which kind and for which purpose (the purpose picks the disclosure
 * policy). {@code raise} lifts the priority when its condition holds (O24: HIGH if the
 * appointment is near). {@code flags} names derived checks added to the notice (O15).
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
        Source source) {

    public record Raise(Condition when, Priority priority) {
    }
}

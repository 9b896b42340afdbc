package no.budstikke.intake;

import java.util.List;
import no.budstikke.contract.Violation;

/**
 * The answer to one input. Either the input could not be read at all ({@code unreadable}, with
 * the violations that say why and its quarantine entry; {@code tooLarge} when it broke a size
 * limit), or it holds one outcome per event.
 */
public record IntakeReport(boolean batch, List<EventOutcome> events, List<Violation> unreadable, Long quarantineId, boolean tooLarge) {

    static IntakeReport unreadable(List<Violation> why, Long quarantineId, boolean tooLarge) {
        return new IntakeReport(false, List.of(), why, quarantineId, tooLarge);
    }

    static IntakeReport of(boolean batch, List<EventOutcome> events) {
        return new IntakeReport(batch, events, List.of(), null, false);
    }

    public boolean isUnreadable() {
        return !unreadable.isEmpty();
    }

    public boolean allAccepted() {
        return !isUnreadable() && events.stream().allMatch(e -> e.outcome().accepted());
    }

    public long count(EventOutcome.Outcome outcome) {
        return events.stream().filter(e -> e.outcome() == outcome).count();
    }
}

package no.budstikke.intake;

import java.util.List;
import no.budstikke.contract.Violation;

/**
 * The answer to one input. Either the input could not be read at all ({@code unreadable}, with
 * the violations that say why and its quarantine entry), or it holds one outcome per event.
 */
public record IntakeReport(boolean batch, List<EventOutcome> events, List<Violation> unreadable, Long quarantineId) {

    static IntakeReport unreadable(List<Violation> why, long quarantineId) {
        return new IntakeReport(false, List.of(), why, quarantineId);
    }

    static IntakeReport of(boolean batch, List<EventOutcome> events) {
        return new IntakeReport(batch, events, List.of(), null);
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

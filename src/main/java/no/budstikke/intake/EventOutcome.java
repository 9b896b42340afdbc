package no.budstikke.intake;

import java.util.List;
import no.budstikke.contract.Violation;

/** What became of one event of an input. {@code key} is set when stored; {@code quarantineId} when not. */
public record EventOutcome(int index, Outcome outcome, String key, List<Violation> violations, Long quarantineId) {

    public enum Outcome {
        STORED, DUPLICATE, REJECTED, FORBIDDEN;

        public boolean accepted() {
            return this == STORED || this == DUPLICATE;
        }
    }
}

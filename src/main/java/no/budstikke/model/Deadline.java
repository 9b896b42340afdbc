package no.budstikke.model;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One legal deadline of DOMAIN.md (D1…D6), as written in {@code config/deadlines.yaml}: what starts
 * it, which duties' notices it is about, how long it runs, what closes it, whether it starts again,
 * when it is at risk, and which setting names the ops mailbox to escalate to.
 *
 * @param startsOn   event types that start it
 * @param startsWhen a condition on the starting event or case (the language of routing-rules.yaml), if any
 * @param per        what one running deadline belongs to
 * @param watches    the duties (O numbers) whose notices it is about
 * @param repeats    present when it starts again after closing or lapsing
 * @param atRiskFraction the share of the limit after which it is at risk, 0 &lt; x &lt; 1
 * @param escalateTo the name of the setting holding the ops mailbox
 * @param zone       the zone of calendar and working days
 */
public record Deadline(
        String id,
        String title,
        List<String> startsOn,
        Optional<Condition> startsWhen,
        Per per,
        List<String> watches,
        Limit limit,
        Closing closes,
        Optional<Repeat> repeats,
        double atRiskFraction,
        String escalateTo,
        ZoneId zone,
        Source source) {

    /** What one running deadline belongs to. */
    public enum Per {
        /** each starting event starts its own (D1 each disappearance, D2 each leave application) */
        EVENT,
        /** at most one runs per case; a further start event while it runs changes nothing */
        CASE,
        /** at most one runs per UDI region (D6, the tertial report per region) */
        UDI_REGION
    }

    /** How long the deadline runs from its start. */
    public sealed interface Limit {
        /** Elapsed time, absolute. */
        record Hours(int hours) implements Limit {
        }

        /** Norwegian working days, see {@link NorwegianCalendar#workingDaysAfter}. */
        record WorkingDays(int days) implements Limit {
        }

        /** Calendar weeks, the same local time. */
        record Weeks(int weeks) implements Limit {
        }

        /** Calendar months, the same local time (31 January + 1 month = end of February). */
        record Months(int months) implements Limit {
        }

        /** Due at 00:00 (in the zone) on the date found at {@code pointer} in the starting event. */
        record BeforeDate(String pointer) implements Limit {
        }
    }

    /** What closes the deadline. */
    public sealed interface Closing {
        /** Notices of the watched duties for the case, raised since the start, are delivered: all of them, or any one. */
        record Delivered(boolean all) implements Closing {
        }

        /** An event of {@code type} arrives whose values at {@code sameAs} equal the starting event's. */
        record EventArrives(String type, List<String> sameAs) implements Closing {
        }
    }

    /** Starts again from the time it closed (or lapsed), until an event of one of {@code until} arrives; empty = for ever. */
    public record Repeat(List<String> until) {
    }
}

package no.budstikke.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A declarative test on the event or the case, as written in routing-rules.yaml. Deliberately
 * small: comparisons and the three combinators, nothing that can loop or call out.
 */
public sealed interface Condition {

    /** Every condition holds. An empty list holds. */
    record All(List<Condition> conditions) implements Condition {
    }

    /** At least one holds. */
    record Any(List<Condition> conditions) implements Condition {
    }

    record Not(Condition condition) implements Condition {
    }

    /**
     * The municipalities found through {@code first} and {@code second} lie in different areas of
     * the given kind (O33: the AMOT municipality is in another UDI region than the centre). Does
     * not hold when either municipality is not found or not in the directory.
     */
    record Differs(Area area, Where first, Where second) implements Condition {
    }

    /** The areas of {@link Municipality} a {@link Differs} condition can compare. */
    enum Area {
        MUNICIPALITY, COUNTY, POLICE_DISTRICT, UDI_REGION, IMDI_REGION
    }

    /**
     * A comparison on one value. {@code subject} is an event JSON pointer (may hold {@code *} for
     * "any element of an array") or {@code case:<name>} for what the hub knows of the case.
     */
    record Test(String subject, Op op, JsonNode value) implements Condition {
    }

    enum Op {
        /** value equals the given JSON value */
        EQUALS,
        /** value is not equal (a missing value is not equal) */
        NOT_EQUALS,
        /** value is one of the given array */
        IN,
        /** the value is present (and not null) */
        EXISTS,
        /** the value is absent or null */
        ABSENT,
        /** a date-time within the given number of hours after the event's time */
        WITHIN_HOURS,
        /** a date-time after the event's time: an appointment that still lies ahead */
        AHEAD
    }
}

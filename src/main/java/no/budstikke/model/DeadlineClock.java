package no.budstikke.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import no.budstikke.model.Deadline.Limit;

/**
 * When a deadline falls due and when it becomes at risk, from its start: plain functions of the
 * {@link Deadline}, the start time and (for {@code beforeDate} limits such as D5) the date read from
 * the starting event. No clock is read here; the tracker passes the times in.
 *
 * <ul>
 *   <li>{@code hours}: elapsed time, so a night of a clock change counts as 23 or 25 hours of wall-clock;</li>
 *   <li>{@code workingDays}: {@link NorwegianCalendar#workingDaysAfter}; the at-risk point is the same share
 *       of the working time, so the clock does not run over a weekend or Easter;</li>
 *   <li>{@code weeks}, {@code months}: the same local time in the deadline's zone that many weeks or months
 *       later (31 January + 1 month = 28 or 29 February);</li>
 *   <li>{@code beforeDate}: 00:00 in the zone on the date; a start on or after that is due at once
 *       ({@code atRiskAt = dueAt}).</li>
 * </ul>
 * For the others {@code atRiskAt} lies {@code atRiskFraction} of the way from start to due.
 */
public final class DeadlineClock {

    private final NorwegianCalendar calendar;

    public DeadlineClock(NorwegianCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** The start, due and at-risk instants of one running deadline. */
    public record Times(Instant start, Instant dueAt, Instant atRiskAt) {
    }

    /** For limits that need no date from the event. */
    public Times compute(Deadline deadline, Instant start) {
        return compute(deadline, start, null);
    }

    /**
     * @param date the date read from the starting event at the {@code beforeDate} pointer (see
     *             {@link #date}); required for a {@code beforeDate} limit, ignored otherwise
     */
    public Times compute(Deadline deadline, Instant start, LocalDate date) {
        Objects.requireNonNull(start, "start");
        double f = deadline.atRiskFraction();
        var zone = deadline.zone();
        Limit limit = deadline.limit();
        if (limit instanceof Limit.WorkingDays w) {
            Duration total = Duration.ofDays(w.days());
            return new Times(start, calendar.workingTimeAfter(start, total, zone), calendar.workingTimeAfter(start, fraction(total, f), zone));
        }
        Instant due;
        if (limit instanceof Limit.Hours h) {
            due = start.plus(Duration.ofHours(h.hours()));
        } else if (limit instanceof Limit.Weeks w) {
            due = start.atZone(zone).plusWeeks(w.weeks()).toInstant();
        } else if (limit instanceof Limit.Months m) {
            due = start.atZone(zone).plusMonths(m.months()).toInstant();
        } else {
            Limit.BeforeDate b = (Limit.BeforeDate) limit;
            if (date == null) throw new IllegalArgumentException(deadline.id() + " is due before the date at " + b.pointer() + ", which was not given");
            due = date.atStartOfDay(zone).toInstant();
        }
        if (!due.isAfter(start)) return new Times(start, due, due);
        return new Times(start, due, start.plus(fraction(Duration.between(start, due), f)));
    }

    /** The date a {@code beforeDate} limit reads from the starting event, if it is there and a valid date. */
    public static Optional<LocalDate> date(Deadline deadline, JsonNode startEvent) {
        if (!(deadline.limit() instanceof Limit.BeforeDate b)) return Optional.empty();
        JsonNode v = startEvent.at(b.pointer());
        if (!v.isTextual()) return Optional.empty();
        try {
            return Optional.of(LocalDate.parse(v.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The 18th birthday: the date of birth 18 years on. Someone born on 29 February turns 18 on
     * 28 February in a common year (the earlier of the two readings, the safe side for "by the
     * 18th birthday").
     */
    public static LocalDate eighteenthBirthday(LocalDate birthDate) {
        return birthDate.plusYears(18);
    }

    private static Duration fraction(Duration total, double f) {
        return Duration.ofMillis(Math.round(total.toMillis() * f));
    }
}

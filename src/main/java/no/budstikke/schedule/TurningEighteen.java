package no.budstikke.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When the hub asks for the turning-18 request itself (O9/O10, deadline D5 "by the 18th
 * birthday"): from {@code leadDays} before the birthday until {@code graceDays} after it. A person
 * the hub first learns of later than that is left alone: a request that late helps no one, and
 * the hub must not write to offices about every adult it happens to know. Pure.
 */
public record TurningEighteen(int leadDays, int graceDays) {

    public TurningEighteen {
        if (leadDays < 0 || leadDays > 365) throw new IllegalArgumentException("lead days must be 0 to 365");
        if (graceDays < 0 || graceDays > 90) throw new IllegalArgumentException("grace days must be 0 to 90");
    }

    /** Whether the request is due on {@code today} (a calendar day in the schedule's zone). */
    public boolean due(LocalDate eighteenOn, LocalDate today) {
        return !today.isBefore(eighteenOn.minusDays(leadDays)) && !today.isAfter(eighteenOn.plusDays(graceDays));
    }

    /** The earliest 18th birthday still due on {@code today}. */
    public LocalDate earliestBirthday(LocalDate today) {
        return today.minusDays(graceDays);
    }

    /** The latest 18th birthday already due on {@code today}. */
    public LocalDate latestBirthday(LocalDate today) {
        return today.plusDays(leadDays);
    }

    /** When it became due: 00:00 in {@code zone}, {@code leadDays} before the birthday. */
    public Instant dueAt(LocalDate eighteenOn, ZoneId zone) {
        return eighteenOn.minusDays(leadDays).atStartOfDay(zone).toInstant();
    }
}

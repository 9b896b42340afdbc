package no.budstikke.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Norwegian public holidays (<i>helligdager</i> and the two statutory <i>høytidsdager</i>) and
 * working days, for any year of the Gregorian calendar.
 *
 * <p>Fixed holidays: 1 January, 1 May, 17 May, 25 and 26 December. Moving holidays, counted from
 * Easter Sunday (computed with the anonymous Gregorian algorithm, Meeus/Jones/Butcher): Maundy
 * Thursday (−3), Good Friday (−2), Easter Sunday, Easter Monday (+1), Ascension Day (+39), Whit
 * Sunday (+49) and Whit Monday (+50). Christmas Eve, New Year's Eve and Easter Saturday are not
 * public holidays: they are working days here, as in the law.
 *
 * <p>A working day is Monday to Friday and not a holiday. Thread-safe; holidays are computed once
 * per year and kept.
 */
public final class NorwegianCalendar {

    private final Map<Integer, Map<LocalDate, String>> byYear = new ConcurrentHashMap<>();

    /** Easter Sunday of the year (Gregorian calendar), by the anonymous Gregorian algorithm. */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /**
     * The public holidays of the year with their Norwegian names, in date order. Where two fall on
     * the same date (Ascension Day on 1 or 17 May, Whit Monday on 17 May) the date appears once,
     * with both names.
     */
    public Map<LocalDate, String> holidays(int year) {
        return byYear.computeIfAbsent(year, NorwegianCalendar::compute);
    }

    public boolean isHoliday(LocalDate date) {
        return holidays(date.getYear()).containsKey(date);
    }

    /** Monday to Friday, and not a public holiday. */
    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !isHoliday(date);
    }

    /**
     * The {@code n}th working day after {@code start}; {@code start} itself is never counted, whether
     * or not it is a working day. {@code n = 0} gives {@code start}. For {@code n >= 1} the result is
     * always a working day, and it grows strictly with {@code n}.
     */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        Objects.requireNonNull(start, "start");
        if (n < 0) throw new IllegalArgumentException("n must be 0 or more, got " + n);
        LocalDate d = start;
        for (int left = n; left > 0; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) left--;
        }
        return d;
    }

    /** The first working day on or after the date. */
    public LocalDate workingDayOnOrAfter(LocalDate date) {
        LocalDate d = date;
        while (!isWorkingDay(d)) d = d.plusDays(1);
        return d;
    }

    /**
     * The instant at which {@code n} whole working days have passed since {@code start}, counting
     * only the time of working days, in local wall-clock time in {@code zone}; the same as
     * {@link #workingTimeAfter} with {@code n} × 24 hours. So:
     * <ul>
     *   <li>a start on a working day gives the same local time on the {@code n}th working day after
     *       it (leave applied Tuesday 14:00 with n = 3 is due Friday 14:00 in an ordinary week);</li>
     *   <li>a start on a weekend or holiday counts from 00:00 on the next working day, and the limit
     *       ends at the midnight that ends the {@code n}th working day counted from that one
     *       (applied Saturday: Monday, Tuesday and Wednesday count; due Thursday 00:00, the end of
     *       Wednesday). A start at 00:00 on a working day is the same as a start the evening before
     *       a weekend: nothing has yet been counted. So applications made over the same weekend are due
     *       at the same time, never earlier than one made on the Friday before, and the due time never
     *       goes back when the start moves forward.</li>
     * </ul>
     */
    public Instant workingDaysAfter(Instant start, int n, ZoneId zone) {
        if (n < 0) throw new IllegalArgumentException("n must be 0 or more, got " + n);
        return workingTimeAfter(start, Duration.ofDays(n), zone);
    }

    /**
     * The instant at which {@code workingTime} of working-day time has passed since {@code start}:
     * the clock runs only on working days, in local wall-clock time in {@code zone} (a working day is
     * 24 hours long; Norway changes clocks on Sundays, never a working day). A start on a non-working
     * day counts from 00:00 on the next working day. When the time runs out exactly at the end of a
     * working day, the result is that midnight. Used for {@code workingDays} limits and for the point
     * at which a fraction of such a limit has passed.
     */
    public Instant workingTimeAfter(Instant start, Duration workingTime, ZoneId zone) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
        if (workingTime.isNegative()) throw new IllegalArgumentException("working time must not be negative, got " + workingTime);
        LocalDateTime cursor = LocalDateTime.ofInstant(start, zone);
        if (!isWorkingDay(cursor.toLocalDate())) cursor = workingDayOnOrAfter(cursor.toLocalDate()).atStartOfDay();
        Duration left = workingTime;
        while (true) {
            LocalDateTime endOfDay = cursor.toLocalDate().plusDays(1).atStartOfDay();
            Duration available = Duration.between(cursor, endOfDay);
            if (left.compareTo(available) <= 0) return ZonedDateTime.of(cursor.plus(left), zone).toInstant();
            left = left.minus(available);
            cursor = workingDayOnOrAfter(endOfDay.toLocalDate()).atStartOfDay();
        }
    }

    private static Map<LocalDate, String> compute(int year) {
        LocalDate easter = easterSunday(year);
        Map<LocalDate, String> h = new java.util.TreeMap<>();
        put(h, LocalDate.of(year, 1, 1), "første nyttårsdag");
        put(h, easter.minusDays(3), "skjærtorsdag");
        put(h, easter.minusDays(2), "langfredag");
        put(h, easter, "første påskedag");
        put(h, easter.plusDays(1), "andre påskedag");
        put(h, LocalDate.of(year, 5, 1), "offentlig høytidsdag (1. mai)");
        put(h, LocalDate.of(year, 5, 17), "grunnlovsdag (17. mai)");
        put(h, easter.plusDays(39), "Kristi himmelfartsdag");
        put(h, easter.plusDays(49), "første pinsedag");
        put(h, easter.plusDays(50), "andre pinsedag");
        put(h, LocalDate.of(year, 12, 25), "første juledag");
        put(h, LocalDate.of(year, 12, 26), "andre juledag");
        return Collections.unmodifiableMap(new LinkedHashMap<>(h));
    }

    private static void put(Map<LocalDate, String> h, LocalDate date, String name) {
        h.merge(date, name, (a, b) -> a + " og " + b);
    }
}

package no.budstikke.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A third of a calendar year, as the AMOT base-data report (O39) counts them: T1 January–April,
 * T2 May–August, T3 September–December. Written {@code 2026-T3}, as the contract's
 * {@code tertial-due} event names it. Pure: the zone is always given.
 */
public record Tertial(int year, int number) implements Comparable<Tertial> {

    private static final Pattern TEXT = Pattern.compile("([0-9]{4})-T([1-3])");

    public Tertial {
        if (number < 1 || number > 3) throw new IllegalArgumentException("a tertial is T1, T2 or T3");
        if (year < 1000 || year > 9999) throw new IllegalArgumentException("a tertial's year has four digits");
    }

    /** {@code 2026-T3}; throws {@link IllegalArgumentException} for anything else. */
    public static Tertial parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) throw new IllegalArgumentException("expected a tertial such as 2026-T3");
        return new Tertial(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static Tertial of(LocalDate date) {
        return new Tertial(date.getYear(), (date.getMonthValue() - 1) / 4 + 1);
    }

    /** The tertial the instant falls in, by the calendar of {@code zone}. */
    public static Tertial containing(Instant instant, ZoneId zone) {
        return of(LocalDate.ofInstant(instant, zone));
    }

    /** The first day: 1 January, 1 May or 1 September. */
    public LocalDate firstDay() {
        return LocalDate.of(year, (number - 1) * 4 + 1, 1);
    }

    /** Midnight that starts the first day, in {@code zone}. */
    public Instant start(ZoneId zone) {
        return firstDay().atStartOfDay(zone).toInstant();
    }

    public Tertial next() {
        return number == 3 ? new Tertial(year + 1, 1) : new Tertial(year, number + 1);
    }

    @Override
    public int compareTo(Tertial o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(number, o.number);
    }

    @Override
    public String toString() {
        return year + "-T" + number;
    }
}

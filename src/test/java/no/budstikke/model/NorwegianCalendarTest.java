package no.budstikke.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NorwegianCalendarTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    final NorwegianCalendar cal = new NorwegianCalendar();

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    static Instant oslo(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(OSLO).toInstant();
    }

    @ParameterizedTest(name = "Easter Sunday {0} is {1}")
    @CsvSource({
            "2008, 2008-03-23", "2011, 2011-04-24", "2019, 2019-04-21", "2024, 2024-03-31", "2025, 2025-04-20",
            "2026, 2026-04-05", "2027, 2027-03-28", "2028, 2028-04-16", "2029, 2029-04-01", "2030, 2030-04-21",
            "2038, 2038-04-25", "2285, 2285-03-22", "1818, 1818-03-22", "2000, 2000-04-23"})
    void easterSunday(int year, String expected) {
        assertThat(NorwegianCalendar.easterSunday(year)).isEqualTo(d(expected));
        assertThat(cal.isHoliday(d(expected))).isTrue();
    }

    @ParameterizedTest(name = "{0}: Maundy Thursday {1}, Good Friday {2}, Easter Monday {3}, Ascension {4}, Whit Sunday {5}, Whit Monday {6}")
    @CsvSource({
            "2024, 2024-03-28, 2024-03-29, 2024-04-01, 2024-05-09, 2024-05-19, 2024-05-20",
            "2025, 2025-04-17, 2025-04-18, 2025-04-21, 2025-05-29, 2025-06-08, 2025-06-09",
            "2026, 2026-04-02, 2026-04-03, 2026-04-06, 2026-05-14, 2026-05-24, 2026-05-25",
            "2030, 2030-04-18, 2030-04-19, 2030-04-22, 2030-05-30, 2030-06-09, 2030-06-10",
            "2038, 2038-04-22, 2038-04-23, 2038-04-26, 2038-06-03, 2038-06-13, 2038-06-14"})
    void movingHolidays(int year, String maundy, String goodFriday, String easterMonday, String ascension, String whitSunday,
                        String whitMonday) {
        assertThat(cal.holidays(year)).containsKeys(d(maundy), d(goodFriday), d(easterMonday), d(ascension), d(whitSunday), d(whitMonday));
        for (String s : new String[] {maundy, goodFriday, easterMonday, ascension, whitMonday}) {
            assertThat(cal.isWorkingDay(d(s))).as(s).isFalse();
        }
        // Easter Saturday is not a public holiday (but a Saturday); the Tuesday after Easter is a working day.
        assertThat(cal.isHoliday(d(easterMonday).minusDays(2))).isFalse();
        assertThat(cal.isWorkingDay(d(easterMonday).plusDays(1))).isTrue();
    }

    @Test
    void fixedHolidaysAndTheDaysThatAreNot() {
        for (int year : new int[] {2024, 2025, 2026, 2031}) {
            assertThat(cal.holidays(year)).containsKeys(LocalDate.of(year, 1, 1), LocalDate.of(year, 5, 1), LocalDate.of(year, 5, 17),
                    LocalDate.of(year, 12, 25), LocalDate.of(year, 12, 26));
            assertThat(cal.holidays(year)).hasSize(12);
            assertThat(cal.isHoliday(LocalDate.of(year, 12, 24))).as("Christmas Eve").isFalse();
            assertThat(cal.isHoliday(LocalDate.of(year, 12, 31))).as("New Year's Eve").isFalse();
            assertThat(cal.isHoliday(LocalDate.of(year, 5, 2))).isFalse();
        }
        assertThat(cal.isWorkingDay(d("2025-12-24"))).as("Wednesday 24 Dec 2025").isTrue();
        assertThat(cal.isWorkingDay(d("2026-06-03"))).as("an ordinary Wednesday").isTrue();
        assertThat(cal.isWorkingDay(d("2026-06-06"))).as("a Saturday").isFalse();
        assertThat(cal.isWorkingDay(d("2026-06-07"))).as("a Sunday").isFalse();
    }

    @Test
    void holidaysThatCoincide() {
        // 2008: Easter 23 March, Ascension Day on 1 May.
        assertThat(cal.holidays(2008)).hasSize(11).containsEntry(d("2008-05-01"), "offentlig høytidsdag (1. mai) og Kristi himmelfartsdag");
        // 2007: Easter 8 April, Ascension Day on 17 May.
        assertThat(cal.holidays(2007)).hasSize(11).containsEntry(d("2007-05-17"), "grunnlovsdag (17. mai) og Kristi himmelfartsdag");
        // 2027: Easter 28 March, Whit Monday on 17 May.
        assertThat(cal.holidays(2027)).hasSize(11).containsEntry(d("2027-05-17"), "grunnlovsdag (17. mai) og andre pinsedag");
        // Ascension on 1 May still leaves Friday 2 May 2008 a working day.
        assertThat(cal.addWorkingDays(d("2008-04-30"), 1)).isEqualTo(d("2008-05-02"));
        // 2027: Friday 14 May, then the weekend and Whit Monday 17 May.
        assertThat(cal.addWorkingDays(d("2027-05-14"), 1)).isEqualTo(d("2027-05-18"));
    }

    @ParameterizedTest(name = "leave applied {0} (Wednesday before Easter) + 3 working days = {1}")
    @CsvSource({
            "2024-03-27, 2024-04-04",
            "2025-04-16, 2025-04-24",
            "2026-04-01, 2026-04-09",
            "2027-03-24, 2027-04-01",
            "2028-04-12, 2028-04-20",
            "2030-04-17, 2030-04-25",
            "2038-04-21, 2038-04-29"})
    void easterWeek(String applied, String due) {
        LocalDate wednesday = d(applied);
        assertThat(wednesday.getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
        LocalDate easterMonday = NorwegianCalendar.easterSunday(wednesday.getYear()).plusDays(1);
        LocalDate result = cal.addWorkingDays(wednesday, 3);
        assertThat(result).isEqualTo(d(due)).isAfter(easterMonday);
        // 14:30 local on the Wednesday: the same local time on the Thursday after Easter.
        Instant start = oslo(applied + "T14:30");
        assertThat(cal.workingDaysAfter(start, 3, OSLO)).isEqualTo(oslo(due + "T14:30"));
    }

    @ParameterizedTest(name = "applied {0} + 3 working days = {1}")
    @CsvSource({
            "2024-12-23, 2024-12-30",  // Monday: 24 Tue (1); 25, 26 holidays; 27 Fri (2); weekend; 30 Mon (3)
            "2025-12-23, 2025-12-30",  // Tuesday: 24 Wed (1); 25, 26 holidays; 27, 28 weekend; 29 Mon (2); 30 Tue (3)
            "2026-12-23, 2026-12-29",  // Wednesday: 24 Thu (1); 25 holiday; 26, 27 weekend and holiday; 28 Mon (2); 29 Tue (3)
            "2027-12-23, 2027-12-28",  // Thursday: 24 Fri (1); 25, 26 weekend and holidays; 27 Mon (2); 28 Tue (3)
            "2028-12-22, 2028-12-29"}) // Friday: weekend; 25 Mon, 26 Tue holidays; 27 Wed (1), 28 Thu (2), 29 Fri (3)
    void christmasWeek(String applied, String expected) {
        LocalDate start = d(applied);
        LocalDate due = cal.addWorkingDays(start, 3);
        assertThat(due).isEqualTo(d(expected)).isAfter(LocalDate.of(start.getYear(), 12, 27));
        // Counted by hand: exactly 2 working days lie strictly between start and due.
        assertThat(start.plusDays(1).datesUntil(due).filter(cal::isWorkingDay).count()).isEqualTo(2);
    }

    @Test
    void christmasOnAWeekendAndOverNewYear() {
        // 23 Dec 2028 (Saturday): 25 Mon, 26 Tue holidays; 27 Wed (1), 28 Thu (2), 29 Fri (3).
        assertThat(cal.addWorkingDays(d("2028-12-23"), 3)).isEqualTo(d("2028-12-29"));
        // 23 Dec 2029 (Sunday): 24 Mon (1), 27 Thu (2), 28 Fri (3).
        assertThat(cal.addWorkingDays(d("2029-12-23"), 3)).isEqualTo(d("2029-12-28"));
        // Over New Year: 30 Dec 2025 (Tuesday): 31 Wed (1), 1 Jan holiday, 2 Fri (2), 5 Mon (3).
        assertThat(cal.addWorkingDays(d("2025-12-30"), 3)).isEqualTo(d("2026-01-05"));
        assertThat(cal.workingDaysAfter(oslo("2025-12-23T09:15"), 3, OSLO)).isEqualTo(oslo("2025-12-30T09:15"));
    }

    @Test
    void startOnAWeekendOrHolidayCountsFromTheNextWorkingDayAtMidnight() {
        // Saturday 6 June 2026: Monday, Tuesday, Wednesday count; due at the end of Wednesday.
        assertThat(cal.workingDaysAfter(oslo("2026-06-06T10:00"), 3, OSLO)).isEqualTo(oslo("2026-06-11T00:00"));
        assertThat(cal.workingDaysAfter(oslo("2026-06-07T23:59"), 3, OSLO)).isEqualTo(oslo("2026-06-11T00:00"));
        // Never earlier than an application made on the Friday before, at any time of day.
        assertThat(cal.workingDaysAfter(oslo("2026-06-05T23:59"), 3, OSLO)).isBefore(oslo("2026-06-11T00:00"));
        // Good Friday 2025: Tuesday 22, Wednesday 23, Thursday 24 count; due Friday 25 April 00:00.
        assertThat(cal.workingDaysAfter(oslo("2025-04-18T12:00"), 3, OSLO)).isEqualTo(oslo("2025-04-25T00:00"));
        // n = 0 from a non-working day: the start of the next working day.
        assertThat(cal.workingDaysAfter(oslo("2025-04-18T12:00"), 0, OSLO)).isEqualTo(oslo("2025-04-22T00:00"));
        assertThat(cal.workingDaysAfter(oslo("2025-04-16T12:00"), 0, OSLO)).isEqualTo(oslo("2025-04-16T12:00"));
    }

    @Test
    void aStartAtMidnightOnAWorkingDayIsTheSameAsOneTheEveningBefore() {
        // Sunday 23:59 and Monday 00:00 before Easter 2025 are both due when Wednesday 16 April ends.
        assertThat(cal.workingDaysAfter(oslo("2025-04-13T23:59"), 3, OSLO)).isEqualTo(oslo("2025-04-17T00:00"));
        assertThat(cal.workingDaysAfter(oslo("2025-04-14T00:00"), 3, OSLO)).isEqualTo(oslo("2025-04-17T00:00"));
        assertThat(cal.workingDaysAfter(oslo("2025-04-14T00:01"), 3, OSLO)).isEqualTo(oslo("2025-04-22T00:01"));
    }

    @Test
    void workingTimeRunsOnlyOnWorkingDays() {
        // Friday 12:00 + 18 working hours: 12 h on Friday, 6 h on Monday.
        assertThat(cal.workingTimeAfter(oslo("2026-06-05T12:00"), Duration.ofHours(18), OSLO)).isEqualTo(oslo("2026-06-08T06:00"));
        // Exactly the rest of Friday: the midnight that ends it.
        assertThat(cal.workingTimeAfter(oslo("2026-06-05T12:00"), Duration.ofHours(12), OSLO)).isEqualTo(oslo("2026-06-06T00:00"));
        assertThatThrownBy(() -> cal.workingTimeAfter(Instant.EPOCH, Duration.ofHours(-1), OSLO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theZoneDecidesTheDay() {
        // 23:30 UTC on Friday 5 June 2026 is already Saturday in Oslo.
        Instant start = Instant.parse("2026-06-05T23:30:00Z");
        assertThat(cal.workingDaysAfter(start, 1, ZoneId.of("UTC"))).isEqualTo(Instant.parse("2026-06-08T23:30:00Z"));
        assertThat(cal.workingDaysAfter(start, 1, OSLO)).isEqualTo(oslo("2026-06-09T00:00"));
    }

    @Test
    void acrossTheChangeToSummerTimeTheLocalTimeIsKept() {
        // Friday 27 March 2026 10:00 CET; clocks change on Sunday 29 March; due Tuesday 31 March 10:00 CEST.
        Instant due = cal.workingDaysAfter(oslo("2026-03-27T10:00"), 2, OSLO);
        assertThat(due).isEqualTo(oslo("2026-03-31T10:00"));
        assertThat(ChronoUnit.HOURS.between(oslo("2026-03-27T10:00"), due)).isEqualTo(95);
    }

    @Test
    void addWorkingDaysProperties() {
        Random random = new Random(20260405L);
        for (int trial = 0; trial < 3000; trial++) {
            LocalDate start = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(50 * 366));
            LocalDate previous = start;
            for (int n = 1; n <= 12; n++) {
                LocalDate r = cal.addWorkingDays(start, n);
                assertThat(cal.isWorkingDay(r)).as("%s + %d = %s", start, n, r).isTrue();
                assertThat(r).as("strictly later with n").isAfter(previous);
                assertThat(start.plusDays(1).datesUntil(r.plusDays(1)).filter(cal::isWorkingDay).count()).isEqualTo(n);
                assertThat(cal.addWorkingDays(start.plusDays(1), n)).as("monotonic in the start").isAfterOrEqualTo(r);
                previous = r;
            }
            assertThat(cal.addWorkingDays(start, 0)).isEqualTo(start);
        }
    }

    @Test
    void workingDaysAfterIsMonotonicInTheStart() {
        Random random = new Random(17L);
        for (int trial = 0; trial < 2000; trial++) {
            int minute = random.nextInt(4) == 0 ? 0 : random.nextInt(24 * 60); // midnights often: the boundary case
            ZonedDateTime a = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(6 * 366)).atStartOfDay(OSLO).plusMinutes(minute);
            Instant s1 = a.toInstant();
            Instant s2 = s1.plus(random.nextInt(3) == 0 ? 1 : random.nextInt(72 * 60), ChronoUnit.MINUTES);
            for (int n = 1; n <= 4; n++) {
                Instant d1 = cal.workingDaysAfter(s1, n, OSLO);
                // A minute earlier is never due later (the due time may jump a weekend: the clock stood still over it).
                assertThat(cal.workingDaysAfter(s1.minus(1, ChronoUnit.MINUTES), n, OSLO)).isBeforeOrEqualTo(d1);
                assertThat(d1).isAfter(s1);
                assertThat(cal.workingDaysAfter(s2, n, OSLO)).as("%s vs %s, n=%d", s1, s2, n).isAfterOrEqualTo(d1);
                assertThat(cal.isWorkingDay(LocalDate.ofInstant(d1, OSLO)) || LocalDate.ofInstant(d1, OSLO).atStartOfDay(OSLO).toInstant().equals(d1))
                        .as("due on a working day, or at the midnight that ends one").isTrue();
            }
        }
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> cal.addWorkingDays(d("2026-01-05"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cal.workingDaysAfter(Instant.EPOCH, -1, OSLO)).isInstanceOf(IllegalArgumentException.class);
    }
}

package no.budstikke.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import no.budstikke.deadline.DeadlinesLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Due and at-risk times of the shipped deadlines, computed from their start. */
class DeadlineClockTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static Map<String, Deadline> shipped;
    final DeadlineClock clock = new DeadlineClock(new NorwegianCalendar());

    @BeforeAll
    static void load() {
        List<Deadline> all = DeadlinesLoader.load(Path.of("config"));
        shipped = all.stream().collect(Collectors.toMap(Deadline::id, Function.identity()));
    }

    static Instant oslo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(OSLO).toInstant();
    }

    @Test
    void d1IsTwentyFourHoursEvenOverTheChangeToSummerTime() {
        // Missing Saturday 28 March 2026 22:00; clocks go forward at 02:00 on Sunday.
        Instant start = oslo("2026-03-28T22:00");
        DeadlineClock.Times t = clock.compute(shipped.get("D1"), start);
        assertThat(t.dueAt()).isEqualTo(start.plus(Duration.ofHours(24))).isEqualTo(oslo("2026-03-29T23:00"));
        assertThat(t.atRiskAt()).isEqualTo(start.plus(Duration.ofHours(12)));
        assertThat(t.start()).isEqualTo(start);
    }

    @Test
    void d2IsThreeWorkingDaysOverEaster() {
        // Applied Wednesday before Easter 2025, 14:30: Thursday to Monday are holidays or weekend.
        DeadlineClock.Times t = clock.compute(shipped.get("D2"), oslo("2025-04-16T14:30"));
        assertThat(t.dueAt()).isEqualTo(oslo("2025-04-24T14:30"));
        // Half of 72 working hours: 9.5 h on Wednesday 16, 24 h on Tuesday 22, 2.5 h on Wednesday 23.
        assertThat(t.atRiskAt()).isEqualTo(oslo("2025-04-23T02:30"));
    }

    @Test
    void d2AppliedOnTheSaturdayBeforeEasterEndsWhenTheWednesdayEnds() {
        // Saturday 12 April 2025: Monday 14, Tuesday 15, Wednesday 16 count; Maundy Thursday is a holiday.
        DeadlineClock.Times t = clock.compute(shipped.get("D2"), oslo("2025-04-12T11:00"));
        assertThat(t.dueAt()).isEqualTo(oslo("2025-04-17T00:00"));
        assertThat(t.atRiskAt()).isEqualTo(oslo("2025-04-15T12:00"));
        // Monday 00:00 is the same: nothing has been counted yet.
        assertThat(clock.compute(shipped.get("D2"), oslo("2025-04-14T00:00")).dueAt()).isEqualTo(t.dueAt());
    }

    @Test
    void d3IsTwoWeeksAtTheSameLocalTime() {
        // Decided Friday 20 March 2026 10:00 CET; due Friday 3 April 10:00 CEST (one hour less than 14 × 24).
        DeadlineClock.Times t = clock.compute(shipped.get("D3"), oslo("2026-03-20T10:00"));
        assertThat(t.dueAt()).isEqualTo(oslo("2026-04-03T10:00"));
        assertThat(Duration.between(t.start(), t.dueAt())).isEqualTo(Duration.ofHours(335));
        assertThat(t.atRiskAt()).isEqualTo(Instant.parse("2026-03-27T08:30:00Z"));
    }

    @Test
    void d4IsThreeMonthsAndTheEndOfAShortMonthClamps() {
        DeadlineClock.Times t = clock.compute(shipped.get("D4"), oslo("2025-11-30T10:00"));
        assertThat(t.dueAt()).isEqualTo(oslo("2026-02-28T10:00"));
        // At risk once three quarters of the 90 days have passed.
        assertThat(t.atRiskAt()).isEqualTo(t.start().plus(Duration.ofHours(90 * 24 * 3 / 4)));
    }

    @Test
    void d5IsDueAtMidnightOsloOnTheEighteenthBirthday() throws Exception {
        Deadline d5 = shipped.get("D5");
        var event = new ObjectMapper().readTree("{\"type\":\"no.udi.mot.resident.turning-18.v1\",\"data\":{\"eighteenOn\":\"2026-09-14\"}}");
        LocalDate eighteenOn = DeadlineClock.date(d5, event).orElseThrow();
        assertThat(eighteenOn).isEqualTo(DeadlineClock.eighteenthBirthday(LocalDate.parse("2008-09-14")));
        DeadlineClock.Times t = clock.compute(d5, oslo("2026-08-15T12:00"), eighteenOn);
        assertThat(t.dueAt()).isEqualTo(oslo("2026-09-14T00:00")).isEqualTo(Instant.parse("2026-09-13T22:00:00Z"));
        assertThat(t.atRiskAt()).isEqualTo(oslo("2026-08-30T06:00"));
        // In winter Oslo is UTC+1.
        assertThat(clock.compute(d5, oslo("2026-11-01T12:00"), LocalDate.parse("2026-12-01")).dueAt())
                .isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
    }

    @Test
    void d5StartedOnOrAfterTheBirthdayIsDueAtOnce() {
        DeadlineClock.Times t = clock.compute(shipped.get("D5"), oslo("2026-09-14T08:00"), LocalDate.parse("2026-09-14"));
        assertThat(t.dueAt()).isEqualTo(oslo("2026-09-14T00:00"));
        assertThat(t.atRiskAt()).isEqualTo(t.dueAt());
    }

    @Test
    void d5NeedsTheDate() throws Exception {
        Deadline d5 = shipped.get("D5");
        assertThatThrownBy(() -> clock.compute(d5, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/data/eighteenOn");
        var noDate = new ObjectMapper().readTree("{\"data\":{\"eighteenOn\":\"14.09.2026\"}}");
        assertThat(DeadlineClock.date(d5, noDate)).isEmpty();
        assertThat(DeadlineClock.date(shipped.get("D1"), noDate)).isEmpty();
    }

    @Test
    void eighteenthBirthdayOfALeapDayChild() {
        assertThat(DeadlineClock.eighteenthBirthday(LocalDate.parse("2008-02-29"))).isEqualTo(LocalDate.parse("2026-02-28"));
        assertThat(DeadlineClock.eighteenthBirthday(LocalDate.parse("2012-02-29"))).isEqualTo(LocalDate.parse("2030-02-28"));
        assertThat(DeadlineClock.eighteenthBirthday(LocalDate.parse("2014-02-28"))).isEqualTo(LocalDate.parse("2032-02-28"));
    }

    @Test
    void d6IsFourMonths() {
        DeadlineClock.Times t = clock.compute(shipped.get("D6"), oslo("2026-01-15T09:00"));
        assertThat(t.dueAt()).isEqualTo(oslo("2026-05-15T09:00"));
        assertThat(t.atRiskAt()).isAfter(t.start()).isBefore(t.dueAt());
    }
}

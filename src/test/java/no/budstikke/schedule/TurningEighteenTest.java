package no.budstikke.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TurningEighteenTest {

    private static final TurningEighteen RULE = new TurningEighteen(60, 7);
    private static final LocalDate BIRTHDAY = LocalDate.parse("2027-03-01");

    @Test
    void dueFromLeadDaysBeforeTheBirthdayUntilGraceDaysAfter() {
        assertThat(RULE.due(BIRTHDAY, LocalDate.parse("2026-12-30"))).as("61 days before").isFalse();
        assertThat(RULE.due(BIRTHDAY, LocalDate.parse("2026-12-31"))).as("60 days before").isTrue();
        assertThat(RULE.due(BIRTHDAY, BIRTHDAY)).isTrue();
        assertThat(RULE.due(BIRTHDAY, LocalDate.parse("2027-03-08"))).as("7 days after").isTrue();
        assertThat(RULE.due(BIRTHDAY, LocalDate.parse("2027-03-09"))).as("8 days after: first known too late").isFalse();
    }

    @Test
    void theDatabaseWindowHoldsExactlyTheBirthdaysThatAreDue() {
        LocalDate today = LocalDate.parse("2027-01-10");
        assertThat(RULE.earliestBirthday(today)).isEqualTo("2027-01-03");
        assertThat(RULE.latestBirthday(today)).isEqualTo("2027-03-11");
        assertThat(RULE.due(RULE.earliestBirthday(today), today)).isTrue();
        assertThat(RULE.due(RULE.earliestBirthday(today).minusDays(1), today)).isFalse();
        assertThat(RULE.due(RULE.latestBirthday(today), today)).isTrue();
        assertThat(RULE.due(RULE.latestBirthday(today).plusDays(1), today)).isFalse();
    }

    @Test
    void itBecomesDueAtMidnightInTheZone() {
        assertThat(RULE.dueAt(BIRTHDAY, ZoneId.of("Europe/Oslo"))).isEqualTo(Instant.parse("2026-12-30T23:00:00Z"));
    }

    @Test
    void aBirthdayOnTheTwentyNinthOfFebruaryIsOnlyWhereTheCaseFileSaysItIs() {
        // The case file already holds the 18th birthday (birth date + 18 years: 29 Feb 2008 → 28 Feb 2026).
        assertThat(RULE.due(LocalDate.parse("2026-02-28"), LocalDate.parse("2025-12-30"))).isTrue();
        assertThat(RULE.due(LocalDate.parse("2026-02-28"), LocalDate.parse("2025-12-29"))).isFalse();
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> new TurningEighteen(-1, 7)).hasMessageContaining("lead days");
        assertThatThrownBy(() -> new TurningEighteen(60, 91)).hasMessageContaining("grace days");
    }
}

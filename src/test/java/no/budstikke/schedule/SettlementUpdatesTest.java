package no.budstikke.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SettlementUpdatesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final SettlementUpdates RULE = new SettlementUpdates(14);

    private static Instant oslo(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), OSLO).toInstant();
    }

    @ParameterizedTest(name = "{0} + 3 months - 14 days = {1}")
    @CsvSource({
            "2027-01-10T12:00, 2027-03-27T12:00",  // across the change to summer time: the same local time
            "2027-01-31T09:00, 2027-04-16T09:00",  // 31 Jan + 3 months is 30 Apr (no 31 Apr)
            "2026-11-30T09:00, 2027-02-14T09:00",  // 30 Nov + 3 months is 28 Feb
            "2027-11-30T09:00, 2028-02-15T09:00",  // a leap year: 29 Feb
            "2027-08-31T23:30, 2027-11-16T23:30"})
    void dueThreeCalendarMonthsAfterTheAnchorLessTheLead(String anchor, String due) {
        assertThat(RULE.dueAt(oslo(anchor), OSLO)).isEqualTo(oslo(due));
        assertThat(RULE.due(oslo(anchor), oslo(due).minusSeconds(1), OSLO)).isFalse();
        assertThat(RULE.due(oslo(anchor), oslo(due), OSLO)).isTrue();
    }

    @Test
    void theAnchorIsTheLastUpdateToImdiSinceTheWaitBegan() {
        Instant since = oslo("2027-01-10T12:00");
        assertThat(SettlementUpdates.anchor(since, null)).isEqualTo(since);
        assertThat(SettlementUpdates.anchor(since, since.minus(Duration.ofDays(3)))).isEqualTo(since);
        Instant update = oslo("2027-02-01T08:00");
        assertThat(SettlementUpdates.anchor(since, update)).isEqualTo(update);
        // An update early in the three months moves the next one forward in time, as D4 restarts with it.
        assertThat(RULE.dueAt(SettlementUpdates.anchor(since, update), OSLO)).isEqualTo(oslo("2027-04-17T08:00"));
    }

    @Test
    void theDatabaseCutOffNeverLeavesOutAWaitThatIsDue() {
        // Whatever the start, a wait that is due now began at or before the cut-off.
        Instant now = oslo("2027-06-01T00:00");
        for (int hours = 0; hours < 24 * 200; hours++) {
            Instant since = now.minus(Duration.ofHours(hours));
            if (RULE.due(since, now, OSLO)) assertThat(since).as("since " + since).isBeforeOrEqualTo(RULE.waitStartedAtMost(now));
        }
        assertThat(RULE.waitStartedAtMost(now)).isBefore(now.minus(Duration.ofDays(70)));
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> new SettlementUpdates(61)).hasMessageContaining("lead days");
        assertThatThrownBy(() -> new SettlementUpdates(-1)).hasMessageContaining("lead days");
    }
}

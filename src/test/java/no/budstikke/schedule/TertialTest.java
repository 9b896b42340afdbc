package no.budstikke.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TertialTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void januaryToAprilIsT1MayToAugustT2SeptemberToDecemberT3() {
        assertThat(Tertial.of(LocalDate.parse("2026-01-01"))).hasToString("2026-T1");
        assertThat(Tertial.of(LocalDate.parse("2026-04-30"))).hasToString("2026-T1");
        assertThat(Tertial.of(LocalDate.parse("2026-05-01"))).hasToString("2026-T2");
        assertThat(Tertial.of(LocalDate.parse("2026-08-31"))).hasToString("2026-T2");
        assertThat(Tertial.of(LocalDate.parse("2026-09-01"))).hasToString("2026-T3");
        assertThat(Tertial.of(LocalDate.parse("2026-12-31"))).hasToString("2026-T3");
    }

    @Test
    void theTertialOfAnInstantIsTakenFromTheNorwegianCalendar() {
        // 22:30 UTC on 31 August is 00:30 on 1 September in Oslo (summer time, +02:00).
        assertThat(Tertial.containing(Instant.parse("2026-08-31T22:30:00Z"), OSLO)).hasToString("2026-T3");
        assertThat(Tertial.containing(Instant.parse("2026-08-31T21:59:59Z"), OSLO)).hasToString("2026-T2");
        // 23:30 UTC on 31 December is already next year in Oslo (+01:00).
        assertThat(Tertial.containing(Instant.parse("2026-12-31T23:30:00Z"), OSLO)).hasToString("2027-T1");
    }

    @Test
    void aTertialStartsAtMidnightOsloTimeOfItsFirstDay() {
        assertThat(Tertial.parse("2026-T3").start(OSLO)).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
        assertThat(Tertial.parse("2027-T1").start(OSLO)).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        assertThat(Tertial.parse("2026-T2").start(OSLO)).isEqualTo(Instant.parse("2026-04-30T22:00:00Z"));
        assertThat(Tertial.parse("2026-T2").firstDay()).isEqualTo(LocalDate.parse("2026-05-01"));
    }

    @Test
    void afterT3ComesT1OfTheNextYear() {
        assertThat(Tertial.parse("2026-T3").next()).isEqualTo(new Tertial(2027, 1));
        assertThat(Tertial.parse("2026-T1").next()).isEqualTo(new Tertial(2026, 2));
        assertThat(Tertial.parse("2026-T3").next().start(OSLO)).isAfter(Tertial.parse("2026-T3").start(OSLO));
        assertThat(Tertial.parse("2026-T3")).isLessThan(Tertial.parse("2027-T1"));
    }

    @Test
    void onlyTheContractsFormIsRead() {
        assertThat(Tertial.parse("2026-T3")).isEqualTo(new Tertial(2026, 3));
        for (String bad : new String[] {"2026-T4", "2026-T0", "2026T3", "26-T3", "2026-t3", "", null}) {
            assertThatThrownBy(() -> Tertial.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

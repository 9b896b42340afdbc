package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import no.budstikke.delivery.OfficeBackoff.State;
import no.budstikke.testing.TestClock;
import org.junit.jupiter.api.Test;

class OfficeBackoffTest {

    private final TestClock clock = TestClock.at("2026-03-01T10:00:00Z");
    private final OfficeBackoff offices = new OfficeBackoff(clock, Duration.ofSeconds(1), Duration.ofSeconds(5), 3);

    @Test
    void anOfficeIsReceivingUntilItCannotBeReached() {
        assertThat(offices.holds("police-oslo")).isFalse();
        assertThat(offices.state("police-oslo")).isEqualTo(State.RECEIVING);
        assertThat(offices.probesDue()).isEmpty();

        offices.unreachable("police-oslo");

        assertThat(offices.holds("police-oslo")).isTrue();
        assertThat(offices.holds("police-bergen")).isFalse();
        assertThat(offices.state("police-oslo")).isEqualTo(State.BACKING_OFF);
    }

    @Test
    void probesComeAfterOneSecondThenTwiceAsLongUpToTheCap() {
        offices.unreachable("police-oslo");
        long[] waits = new long[6];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = secondsToNextProbe("police-oslo");
            offices.unreachable("police-oslo"); // the probe failed
        }
        assertThat(waits).containsExactly(1, 2, 4, 5, 5, 5);
    }

    @Test
    void onlyOneProbePerOfficeIsInFlight() {
        offices.unreachable("police-oslo");
        clock.advance(Duration.ofSeconds(1));
        assertThat(offices.probesDue()).containsExactly("police-oslo");
        clock.advance(Duration.ofSeconds(10));
        assertThat(offices.probesDue()).as("the first probe's outcome is not known yet").isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(offices.probesDue()).as("a probe whose outcome never came is given up").containsExactly("police-oslo");
    }

    @Test
    void failuresOfNoticesInFlightDoNotLengthenTheProbeInterval() {
        offices.unreachable("police-oslo");
        offices.unreachable("police-oslo");
        offices.unreachable("police-oslo");
        assertThat(secondsToNextProbe("police-oslo")).isEqualTo(1);
    }

    @Test
    void anOfficeIsDownAfterTheGivenNumberOfFailuresInARow() {
        offices.unreachable("police-oslo");
        offices.unreachable("police-oslo");
        assertThat(offices.state("police-oslo")).isEqualTo(State.BACKING_OFF);
        offices.unreachable("police-oslo");
        assertThat(offices.state("police-oslo")).isEqualTo(State.DOWN);
        assertThat(offices.states()).isEqualTo(Map.of("police-oslo", State.DOWN));
    }

    @Test
    void anAnswerEndsTheBackOffAndSaysWhetherThereWasOne() {
        assertThat(offices.reached("police-oslo")).as("receiving already: nothing to release").isFalse();
        offices.unreachable("police-oslo");
        assertThat(offices.reached("police-oslo")).isTrue();
        assertThat(offices.holds("police-oslo")).isFalse();
        assertThat(offices.states()).isEmpty();

        offices.unreachable("police-oslo");
        assertThat(secondsToNextProbe("police-oslo")).as("a new outage starts at the short interval again").isEqualTo(1);
    }

    @Test
    void anOfficeWithNothingToProbeIsForgotten() {
        offices.unreachable("police-oslo");
        offices.nothingToProbe("police-oslo");
        assertThat(offices.holds("police-oslo")).isFalse();
    }

    @Test
    void noticesPutBackWaitAsLongAsTheOfficeHasBeenAwayWithinBounds() {
        Duration max = Duration.ofMinutes(30);
        offices.unreachable("police-oslo");
        assertThat(offices.hold("police-oslo", max)).isEqualTo(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(150));
        assertThat(offices.hold("police-oslo", max)).isEqualTo(Duration.ofSeconds(150));
        clock.advance(Duration.ofHours(1));
        assertThat(offices.hold("police-oslo", max)).isEqualTo(max);
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new OfficeBackoff(clock, Duration.ZERO, Duration.ofSeconds(5), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OfficeBackoff(clock, Duration.ofSeconds(6), Duration.ofSeconds(5), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OfficeBackoff(clock, Duration.ofSeconds(1), Duration.ofSeconds(5), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Moves the clock second by second to the next probe, takes it, and says how long it took. */
    private long secondsToNextProbe(String office) {
        for (long s = 0; s <= 60; s++) {
            if (offices.probesDue().contains(office)) return s;
            clock.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("no probe within a minute");
    }
}

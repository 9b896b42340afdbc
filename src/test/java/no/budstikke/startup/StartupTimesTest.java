package no.budstikke.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartupTimesTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final StartupTimes times = new StartupTimes(1_000, now::get);

    @Test
    void phasesFollowEachOtherAndAStepTimedWithinOneIsNotCountedTwice() {
        now.set(1_400);
        times.mark("jvm");
        now.set(1_500);
        Integer value = times.time("database", () -> {
            now.set(2_700);
            return 7;
        });
        now.set(2_900);
        times.mark("wiring and routes");

        assertThat(value).isEqualTo(7);
        assertThat(times.phases()).containsExactly(new StartupTimes.Phase("jvm", 400), new StartupTimes.Phase("database", 1_200),
                new StartupTimes.Phase("wiring and routes", 300));
        assertThat(times.phases().stream().mapToLong(StartupTimes.Phase::millis).sum()).isEqualTo(times.elapsedMillis());
    }

    @Test
    void aStartWithinTheThresholdReportsNothingAndOneOverItNamesEveryPhase() {
        now.set(1_700);
        times.mark("jvm");
        now.set(4_000);
        times.mark("camel start");

        assertThat(times.report(3_000)).isEmpty();
        assertThat(times.report(2_999)).contains("start-up took 3000 ms (more than 2999 ms): jvm 700 ms, camel start 2300 ms");
        assertThat(times.report(0)).hasValueSatisfying(line -> assertThat(line).startsWith("start-up took 3000 ms (more than 0 ms): "));
    }

    @Test
    void aStepThatFailsIsTimedToo() {
        assertThatThrownBy(() -> times.time("config folder", () -> {
            now.addAndGet(250);
            throw new IllegalStateException("broken");
        })).hasMessage("broken");
        assertThat(times.phases()).containsExactly(new StartupTimes.Phase("config folder", 250));
    }
}

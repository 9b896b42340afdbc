package no.budstikke.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import no.budstikke.testing.TestClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final TestClock clock = TestClock.at("2026-11-20T08:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(15));

    @Test
    void aNameIsLockedAfterItsFailuresUntilTheyLeaveTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.allows("kari")).isTrue();
            throttle.failed("kari");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.allows("kari")).isFalse();
        assertThat(throttle.allows("ola")).isTrue();
        clock.advance(Duration.ofMinutes(13)); // the first failure is now 16 minutes old
        assertThat(throttle.allows("kari")).isTrue();
    }

    @Test
    void aLoginThatSucceedsForgetsTheFailures() {
        throttle.failed("kari");
        throttle.failed("kari");
        throttle.succeeded("kari");
        throttle.failed("kari");
        assertThat(throttle.allows("kari")).isTrue();
    }

    @Test
    void aLockedNameIsRefusedEvenWithTheRightPasswordAndUnknownNamesAreCountedAlike() {
        String hash = Passwords.hash("riktig");
        LocalLogin login = new LocalLogin(new ConsoleUsers(java.util.List.of(new ConsoleUsers.User("kari", hash, Set.of(Role.OPS)))), throttle);
        assertThat(login.login("kari", "riktig")).map(Person::actor).isEqualTo(Optional.of("person:kari"));
        for (int i = 0; i < 3; i++) {
            assertThat(login.login("kari", "feil")).isEmpty();
            assertThat(login.login("ukjent", "feil")).isEmpty();
        }
        assertThat(login.login("kari", "riktig")).isEmpty();
        assertThat(throttle.allows("ukjent")).isFalse();
        clock.advance(Duration.ofMinutes(16));
        assertThat(login.login("kari", "riktig")).isPresent();
    }
}

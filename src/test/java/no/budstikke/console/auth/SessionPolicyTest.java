package no.budstikke.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {

    private final SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12));
    private final OffsetDateTime opened = OffsetDateTime.parse("2026-11-20T08:00:00Z");

    @Test
    void aSessionEndsAfterItsIdleTime() {
        assertThat(policy.alive(opened, opened, opened.plusMinutes(29))).isTrue();
        assertThat(policy.alive(opened, opened, opened.plusMinutes(30))).isFalse();
        assertThat(policy.alive(opened, opened.plusMinutes(20), opened.plusMinutes(49))).isTrue();
    }

    @Test
    void aSessionInUseEndsAtItsLifetime() {
        OffsetDateTime late = opened.plusHours(12);
        assertThat(policy.alive(opened, late.minusMinutes(1), late.minusSeconds(1))).isTrue();
        assertThat(policy.alive(opened, late.minusMinutes(1), late)).isFalse();
    }

    @Test
    void thePurgeBoundsMatchTheCheck() {
        OffsetDateTime now = opened.plusHours(13);
        assertThat(policy.idleBefore(now)).isEqualTo(now.minusMinutes(30));
        assertThat(policy.createdBefore(now)).isEqualTo(opened.plusHours(1));
    }
}

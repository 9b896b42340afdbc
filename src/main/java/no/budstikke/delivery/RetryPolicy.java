package no.budstikke.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with jitter and a cap. Jitter spreads the retries of many notices to one
 * office that came back, so they do not all arrive in the same second.
 *
 * @param jitter 0.2 means the delay varies by up to ±20 %
 */
public record RetryPolicy(Duration initial, double multiplier, Duration maxDelay, int maxAttempts, double jitter) {

    public RetryPolicy {
        if (initial.isNegative() || maxDelay.compareTo(initial) < 0 || multiplier < 1 || maxAttempts < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry policy needs 0 <= initial <= max-delay, multiplier >= 1, "
                    + "max-attempts >= 1 and 0 <= jitter < 1");
        }
    }

    /**
     * The wait before the next attempt, after {@code attemptsMade} attempts; empty when the
     * attempts are used up. A recipient's Retry-After is honoured even above the cap.
     */
    public Optional<Duration> nextDelay(int attemptsMade, Optional<Duration> retryAfter, DoubleSupplier random) {
        if (attemptsMade >= maxAttempts) return Optional.empty();
        double base = Math.min(maxDelay.toMillis(), initial.toMillis() * Math.pow(multiplier, Math.max(0, attemptsMade - 1)));
        double factor = 1 - jitter + 2 * jitter * random.getAsDouble();
        Duration delay = Duration.ofMillis(Math.round(Math.min(maxDelay.toMillis(), base * factor)));
        return Optional.of(retryAfter.filter(r -> r.compareTo(delay) > 0).orElse(delay));
    }
}

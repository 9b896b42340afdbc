package no.budstikke.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * Why an attempt failed. {@code permanent} failures go straight to DEAD; the others are retried
 * with back-off, no sooner than {@code retryAfter} when the recipient asked for it. {@code detail}
 * names the failure (an exception class, a status or reply code), never content or addresses.
 */
public record Failure(boolean permanent, String detail, Optional<Duration> retryAfter) {

    public static Failure transientFailure(String detail) {
        return new Failure(false, detail, Optional.empty());
    }

    public static Failure permanentFailure(String detail) {
        return new Failure(true, detail, Optional.empty());
    }
}

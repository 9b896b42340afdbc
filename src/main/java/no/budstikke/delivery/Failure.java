package no.budstikke.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * Why an attempt failed. {@code permanent} failures go straight to DEAD; the others are retried
 * with back-off, no sooner than {@code retryAfter} when the recipient asked for it. {@code detail}
 * names the failure (an exception class, a status or reply code), never content or addresses.
 * {@code office} says the office could not be reached at all (refused, timed out, TLS, 5xx): the
 * office backs off as a whole ({@link OfficeBackoff}), rather than each notice on its own.
 */
public record Failure(boolean permanent, String detail, Optional<Duration> retryAfter, boolean office) {

    public Failure(boolean permanent, String detail, Optional<Duration> retryAfter) {
        this(permanent, detail, retryAfter, false);
    }

    public static Failure transientFailure(String detail) {
        return new Failure(false, detail, Optional.empty());
    }

    public static Failure permanentFailure(String detail) {
        return new Failure(true, detail, Optional.empty());
    }

    /** The same failure, known to belong to the office rather than to the notice. */
    public Failure ofOffice() {
        return new Failure(permanent, detail, retryAfter, true);
    }
}

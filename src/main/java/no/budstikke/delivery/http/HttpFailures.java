package no.budstikke.delivery.http;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import no.budstikke.delivery.ChannelFailures;
import no.budstikke.delivery.Failure;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * What a failed HTTP delivery means. 4xx (but 408 and 429) and 3xx are permanent: sending the same
 * notice again gets the same answer, and redirects are not followed, so a moved office needs its
 * address fixed. 5xx, 408, 429 and network failures (refused, reset, timed out) are retried, no
 * sooner than the office's Retry-After. Details are a status or an exception class; the hub's own
 * address and secret errors are described by their messages, which hold no URL or secret.
 */
public final class HttpFailures implements ChannelFailures {

    private static final int MAX_CAUSES = 16;

    private final Clock clock;

    public HttpFailures(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Failure> classify(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            Optional<Failure> known = recognise(t);
            if (known.isPresent()) return known;
        }
        return Optional.empty();
    }

    private Optional<Failure> recognise(Throwable t) {
        if (t instanceof HttpRejectedException r) return Optional.of(forStatus(r.status(), r.retryAfter().orElse(null)));
        if (t instanceof HttpOperationFailedException e) {
            return Optional.of(forStatus(e.getStatusCode(), HttpOutcomes.header(e.getResponseHeaders(), "Retry-After")));
        }
        if (t instanceof HttpAddressException) return Optional.of(Failure.permanentFailure(t.getMessage()));
        // Transient: a rotated secret may be mid-mount; the retry limit still ends in dead with this text.
        if (t instanceof OfficeSecretException) return Optional.of(Failure.transientFailure(t.getMessage()));
        // Timeouts (SocketTimeoutException, ConnectTimeoutException), refused or reset connections, DNS.
        if (t instanceof IOException) return Optional.of(Failure.transientFailure(t.getClass().getName()));
        return Optional.empty();
    }

    /** The failure an answer with this status means; {@code retryAfter} is the raw header, if any. */
    public Failure forStatus(int status, String retryAfter) {
        String detail = "HTTP " + status;
        // 1xx and 2xx never fail; should one arrive here, trying again is the safe reading.
        boolean retry = status >= 500 || status == 408 || status == 429 || status < 300;
        if (!retry) return Failure.permanentFailure(detail);
        return new Failure(false, detail, RetryAfter.parse(retryAfter, clock.instant()));
    }
}

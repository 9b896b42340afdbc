package no.budstikke.delivery.http;

import java.util.Optional;

/**
 * The office answered with a status other than 2xx. Takes the place of camel-http's
 * HttpOperationFailedException, which carries the response body and the full URL: this one keeps
 * the status, the host and the Retry-After value only.
 */
public final class HttpRejectedException extends Exception {

    private final int status;
    private final String retryAfter;

    public HttpRejectedException(int status, String host, String retryAfter) {
        super("HTTP " + status + " from " + host);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** The Retry-After header as the office sent it, if it did. */
    public Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

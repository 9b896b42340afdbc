package no.budstikke.delivery.http;

/** An office's address that cannot be delivered to over HTTP. The message names the office, never the URL. */
public final class HttpAddressException extends IllegalArgumentException {

    public HttpAddressException(String message) {
        super(message);
    }
}

package no.budstikke.camel;

/**
 * A request carried a header the hub reads (the credential or the media type) more than once.
 * Taking the first would let whatever sits in front of the hub (a proxy, a WAF) judge the request
 * by one value while the hub acts on another. The message is the header's name, never its values.
 */
public final class AmbiguousHeaderException extends RuntimeException {

    private final String header;

    public AmbiguousHeaderException(String header) {
        super("the request has more than one '" + header + "' header", null, false, false);
        this.header = header;
    }

    public String header() {
        return header;
    }
}

package no.budstikke.camel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.vertx.core.http.HttpServerRequest;
import no.budstikke.intake.BinaryMode;
import no.budstikke.tls.ListenerAccess;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Takes the credential and the media type from the HTTP request's own headers. platform-http also
 * turns query parameters into message headers, so without this step {@code ?Authorization=Bearer ...}
 * in a URL (where proxies and access logs keep it) would count as a credential, or stand in for a
 * missing Content-Type. Anything that is not a platform-http request gets neither header: fail closed.
 * A header sent more than once is refused ({@link AmbiguousHeaderException}), not read by its first value.
 * The CloudEvents binary-mode attributes ({@code ce-*}) likewise come from the request's headers only.
 * Being the first step of every API route, it also applies the listener's {@link ListenerAccess}: the
 * trusted proxies, and the client certificate a sender's key must come with.
 */
public final class RequestHeaders implements Processor {

    static final List<String> FROM_REQUEST_ONLY = List.of("Authorization", Exchange.CONTENT_TYPE);
    /** The request's CloudEvents binary-mode headers ({@code ce-*}), by lower-case name, each with all its values. */
    public static final String CLOUDEVENT_HEADERS = "budstikkeCloudEventHeaders";

    /** Null: no check beyond the headers (trusted proxies and client certificates are the hub's, see {@link ListenerAccess}). */
    private final ListenerAccess access;

    public RequestHeaders() {
        this(null);
    }

    public RequestHeaders(ListenerAccess access) {
        this.access = access;
    }

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getMessage();
        HttpServerRequest request = m instanceof HttpMessage http ? http.getRequest() : null;
        if (access != null && request != null) {
            access.checkPeer(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        }
        for (String name : FROM_REQUEST_ONLY) {
            List<String> values = m instanceof HttpMessage http ? http.getRequest().headers().getAll(name) : List.of();
            if (values.size() > 1) throw new AmbiguousHeaderException(name);
            String value = values.isEmpty() ? null : values.get(0);
            if (value == null) {
                m.removeHeader(name);
            } else {
                m.setHeader(name, value);
            }
        }
        Map<String, List<String>> ce = new LinkedHashMap<>();
        if (m instanceof HttpMessage http) {
            for (String name : http.getRequest().headers().names()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith(BinaryMode.HEADER_PREFIX)) ce.put(lower, http.getRequest().headers().getAll(name));
            }
        }
        exchange.setProperty(CLOUDEVENT_HEADERS, ce);
        if (access != null && request != null) {
            access.checkCertificate(m.getHeader("Authorization", String.class), () -> ListenerSsl.clientSubject(request));
        }
    }
}

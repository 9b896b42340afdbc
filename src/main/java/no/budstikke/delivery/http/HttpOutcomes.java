package no.budstikke.delivery.http;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * What the hub keeps of an office's answer: on success a receipt (the status and the office's
 * request id, if it sent a plain one), on failure an {@link HttpRejectedException} without the
 * response body, which may echo the notice.
 */
public final class HttpOutcomes {

    /** Response headers that name the office's record of the request, first found wins. */
    static final List<String> RESPONSE_ID_HEADERS = List.of("X-Request-Id", "Request-Id", "X-Correlation-Id");
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    /** A Norwegian national identity number is eleven digits: never keep one as a receipt. */
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("[0-9]{11}");

    private HttpOutcomes() {
    }

    /** {@code HTTP 201}, or {@code HTTP 201 X-Request-Id=abc-123}. */
    public static String receipt(int status, Map<String, Object> headers) {
        String receipt = "HTTP " + status;
        for (String name : RESPONSE_ID_HEADERS) {
            String id = header(headers, name);
            if (id != null && PLAIN_ID.matcher(id).matches() && !ELEVEN_DIGITS.matcher(id).find()) {
                return receipt + " " + name + "=" + id;
            }
        }
        return receipt;
    }

    /** Always throws: the same failure without what camel-http's exception carries besides status and host. */
    public static void rejected(HttpOperationFailedException e) throws HttpRejectedException {
        throw new HttpRejectedException(e.getStatusCode(), host(e.getUri()), header(e.getResponseHeaders(), "Retry-After"));
    }

    private static String host(String uri) {
        try {
            String host = uri == null ? null : URI.create(uri).getHost();
            return host == null ? "the office" : host;
        } catch (IllegalArgumentException e) {
            return "the office";
        }
    }

    /** A header's (first) value, whatever the case of its name. */
    static String header(Map<String, ?> headers, String name) {
        if (headers == null) return null;
        for (Map.Entry<String, ?> h : headers.entrySet()) {
            if (!name.equalsIgnoreCase(h.getKey())) continue;
            Object v = h.getValue();
            if (v instanceof List<?> values) v = values.isEmpty() ? null : values.get(0);
            return v == null ? null : v.toString().strip();
        }
        return null;
    }
}

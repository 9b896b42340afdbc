package no.budstikke.delivery.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URL an HTTP office is delivered to, checked before Camel sees it. The route hands the result
 * to {@code toD}, which turns any string into an endpoint: only a plain http(s) URL may get there,
 * never another component, credentials or endpoint options of its own.
 */
public final class HttpTarget {

    private HttpTarget() {
    }

    /** The address as {@code scheme://authority/path}, or an {@link HttpAddressException} saying why not. */
    public static String of(String officeId, String address) {
        if (address == null || address.isBlank()) throw invalid(officeId, "has no address");
        URI uri;
        try {
            uri = new URI(address.strip());
        } catch (URISyntaxException e) {
            throw invalid(officeId, "address is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(officeId, "address must be an http or https URL, not '" + (scheme.isEmpty() ? "(none)" : scheme) + "'");
        }
        if (uri.isOpaque() || uri.getHost() == null) throw invalid(officeId, "address has no valid host");
        // Credentials belong in budstikke.delivery.auth.<office>, read from a secret, never in the directory.
        if (uri.getRawUserInfo() != null) throw invalid(officeId, "address must not carry credentials");
        // The route appends the endpoint's own options as the query string.
        if (uri.getRawQuery() != null) throw invalid(officeId, "address must not have a query string");
        if (uri.getRawFragment() != null) throw invalid(officeId, "address must not have a fragment");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return scheme + "://" + uri.getRawAuthority() + path;
    }

    private static HttpAddressException invalid(String officeId, String reason) {
        return new HttpAddressException("office '" + officeId + "': " + reason);
    }
}

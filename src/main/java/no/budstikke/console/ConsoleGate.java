package no.budstikke.console;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.budstikke.camel.AnswerWriter;
import no.budstikke.console.auth.ConsoleAccess;
import no.budstikke.console.auth.SessionCookie;
import no.budstikke.console.auth.Sessions;
import no.budstikke.console.auth.Viewer;
import no.budstikke.http.HttpAnswer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The first step of every console route ({@code consoleGate}): finds the viewer from the session
 * cookie, reads a POST's form from the request itself (bounded), and applies
 * {@link ConsoleAccess}. What passes is left for the page as exchange properties; a refusal is
 * answered here and ends the exchange. It also sets Cache-Control: no-store on every console
 * response. Everything is read from the Vert.x request, never from
 * message headers, which platform-http also fills from the query string and the form.
 */
public final class ConsoleGate implements Processor {

    public static final String VIEWER = "consoleViewer";
    public static final String FORM = "consoleForm";
    public static final String SESSION_ID = "consoleSessionId";

    private final Sessions sessions;
    private final ConsoleHtml html;
    private final int maxFormBytes;
    private final AnswerWriter writer = new AnswerWriter();

    public ConsoleGate(Sessions sessions, ConsoleHtml html, int maxFormBytes) {
        this.sessions = sessions;
        this.html = html;
        this.maxFormBytes = maxFormBytes;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        HttpServerRequest request = exchange.getMessage() instanceof HttpMessage http ? http.getRequest() : null;
        if (request == null) {
            refuse(exchange, html.problem(403, "Ingen tilgang", "Konsollet svarer bare på forespørsler over HTTP."));
            return;
        }
        // On the response itself, for whatever this request ends in: platform-http drops a Cache-Control
        // message header (Camel's HTTP header filter), and no console page may be kept by a browser or proxy.
        ((HttpMessage) exchange.getMessage()).getResponse().putHeader("Cache-Control", "no-store");
        String method = request.method().name();
        Optional<String> sessionId = SessionCookie.read(request.headers().get("Cookie"));
        Optional<Viewer> viewer = sessionId.flatMap(sessions::resolve);
        Map<String, String> form = Map.of();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            if (!sameOrigin(request)) {
                refuse(exchange, html.problem(403, "Ingen tilgang", "Skjemaet kom fra en annen side enn konsollet."));
                return;
            }
            Optional<Map<String, String>> read = form(request);
            if (read.isEmpty()) {
                refuse(exchange, html.problem(413, "Skjemaet er for stort",
                        "Et skjema kan være på høyst " + maxFormBytes + " byte, og hvert felt kan bare sendes én gang."));
                return;
            }
            form = read.get();
        }
        switch (ConsoleAccess.decide(method, request.path(), viewer, form.get(ConsoleAccess.CSRF_FIELD))) {
            case PASS -> {
                exchange.setProperty(VIEWER, viewer.orElse(null));
                exchange.setProperty(FORM, form);
                exchange.setProperty(SESSION_ID, sessionId.orElse(null));
            }
            case LOGIN -> refuse(exchange, ConsoleHtml.seeOther(ConsoleAccess.LOGIN));
            case FORBIDDEN -> refuse(exchange, html.problem(403, "Ingen tilgang", "Rollen din gir ikke tilgang til denne siden."));
            case BAD_CSRF -> refuse(exchange, html.problem(403, "Skjemaet ble avvist",
                    "Skjemaet manglet en gyldig sikkerhetskode. Last siden på nytt og prøv igjen."));
        }
    }

    /** The form's fields, one value each; empty when it is too large or a field comes twice. */
    private Optional<Map<String, String>> form(HttpServerRequest request) {
        String length = request.headers().get("Content-Length");
        try {
            if (length != null && Long.parseLong(length.trim()) > maxFormBytes) return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String type = request.headers().get("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Optional.of(Map.of()); // no form: no CSRF token, refused below
        }
        MultiMap attributes = request.formAttributes();
        Map<String, String> form = new LinkedHashMap<>();
        long total = 0;
        for (String name : attributes.names()) {
            var values = attributes.getAll(name);
            if (values.size() != 1) return Optional.empty();
            total += name.length() + values.get(0).length();
            form.put(name, values.get(0));
        }
        return total > maxFormBytes ? Optional.empty() : Optional.of(Map.copyOf(form));
    }

    /**
     * Whether a form came from the console's own pages, as far as the browser says: Sec-Fetch-Site
     * (sent by current browsers whatever the referrer policy) must be same-origin, and an Origin,
     * unless withheld as "null" (what no-referrer makes Chromium send), must be this host. A client
     * that sends neither, such as curl, is left to the CSRF token and the SameSite cookie.
     */
    private static boolean sameOrigin(HttpServerRequest request) {
        String site = request.headers().get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) return false;
        String origin = request.headers().get("Origin");
        if (origin == null || origin.equals("null")) return true;
        String host = request.headers().get("Host");
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void refuse(Exchange exchange, HttpAnswer answer) throws Exception {
        exchange.getMessage().setBody(answer);
        writer.process(exchange);
        exchange.setRouteStop(true);
    }
}

package no.budstikke.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import no.budstikke.http.HttpAnswer;

/**
 * Renders the console's precompiled templates (src/main/jte, HTML-escaped by jte) into answers, and
 * gives every console answer, page or refusal, the same security headers.
 */
public final class ConsoleHtml {

    /** No script at all, styles only from the hub's own static file, no framing, forms only back to the hub. */
    public static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    /** Cache-Control: no-store is set by {@link ConsoleGate} on the response itself (platform-http filters that header). */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");
    static final String HTML = "text/html; charset=utf-8";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** The page {@code template} (without .jte) rendered with its one parameter {@code model}. */
    public HttpAnswer page(int status, String template, Object model) {
        StringOutput out = new StringOutput();
        engine.render(template + ".jte", model, out);
        return secured(new HttpAnswer(status, HTML, out.toString().getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    /** A refusal or failure as a small page that names what happened and nothing of the request. */
    public HttpAnswer problem(int status, String title, String detail) {
        return page(status, "problem", new ProblemView(title, detail));
    }

    /** After a form: 303, so that reloading the page does not send the form again. */
    public static HttpAnswer seeOther(String location) {
        return secured(new HttpAnswer(303, HTML, new byte[0], Map.of("Location", location)));
    }

    public static HttpAnswer secured(HttpAnswer answer) {
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.putAll(SECURITY_HEADERS);
        return new HttpAnswer(answer.status(), answer.contentType(), answer.body(), Map.copyOf(headers));
    }

    /** What a problem page shows. */
    public record ProblemView(String title, String detail) {
    }
}

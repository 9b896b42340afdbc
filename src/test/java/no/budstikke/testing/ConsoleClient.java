package no.budstikke.testing;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser without the browser, for the console's HTTP-level tests: a client that
 * follows no redirects, so each answer is seen as the hub gave it, and carries the session cookie
 * it is given. The console test hubs each hold one.
 */
public final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]{43})\"");

    private final TestHub hub;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public ConsoleClient(TestHub hub) {
        this.hub = hub;
    }

    public HttpResponse<String> get(String path, String sessionCookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(hub.uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (sessionCookie != null) b.header("Cookie", sessionCookie);
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String sessionCookie, Map<String, String> form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(hub.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (sessionCookie != null) b.header("Cookie", sessionCookie);
        return send(b.build());
    }

    /** Logs in; the Cookie header value that carries the session. */
    public String login(String name, String password) {
        HttpResponse<String> r = post("/console/logg-inn", null, Map.of("navn", name, "passord", password));
        if (r.statusCode() != 303) throw new IllegalStateException("login answered " + r.statusCode());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The CSRF token in a page's forms. */
    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) throw new IllegalStateException("no CSRF token on the page");
        return m.group(1);
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

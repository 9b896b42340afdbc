package no.budstikke.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import no.budstikke.console.auth.Passwords;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;

/**
 * The real hub with a console users file of three people, one per role, and a plain HTTP client
 * that follows no redirects, so that each answer is seen as the hub gave it.
 */
final class ConsoleHub implements AutoCloseable {

    static final String OPS_PII = "kari";
    static final String OPS = "ola";
    static final String STAFF = "siri";
    static final String PASSWORD = "riktig-hest-batteri-stift";

    final TestHub hub;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ConsoleHub(TestHub hub) {
        this.hub = hub;
    }

    static ConsoleHub start(Path dir) throws IOException {
        return start(dir, Map.of());
    }

    static ConsoleHub start(Path dir, Map<String, String> overrides) throws IOException {
        return start(dir, overrides, null);
    }

    /** With {@code clock} (null: the system clock) for the hub's time. */
    static ConsoleHub start(Path dir, Map<String, String> overrides, java.time.Clock clock) throws IOException {
        Path users = dir.resolve("console-users.json");
        Files.writeString(users, usersFile());
        Map<String, String> p = new LinkedHashMap<>(TestHub.defaults(dir, TestDatabases.freshUrl(TestDatabases.Kind.H2, dir)));
        p.put("budstikke.console.users-file", users.toString());
        p.putAll(overrides);
        return new ConsoleHub(TestHub.start(p, clock));
    }

    static String usersFile() {
        String hash = Passwords.hash(PASSWORD);
        return """
                {"users": [
                  {"name": "%s", "passwordHash": "%s", "roles": ["ops-pii"]},
                  {"name": "%s", "passwordHash": "%s", "roles": ["ops"]},
                  {"name": "%s", "passwordHash": "%s", "roles": ["staff"]}
                ]}""".formatted(OPS_PII, hash, OPS, hash, STAFF, hash);
    }

    URI uri(String path) {
        return hub.uri(path);
    }

    HttpResponse<String> get(String path, String sessionCookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (sessionCookie != null) b.header("Cookie", sessionCookie);
        return send(b.build());
    }

    HttpResponse<String> post(String path, String sessionCookie, Map<String, String> form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (sessionCookie != null) b.header("Cookie", sessionCookie);
        return send(b.build());
    }

    /** Logs in and returns the Cookie header value that carries the session. */
    String login(String name) {
        HttpResponse<String> r = post("/console/logg-inn", null, Map.of("navn", name, "passord", PASSWORD));
        if (r.statusCode() != 303) throw new IllegalStateException("login answered " + r.statusCode());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The CSRF token in a page's forms. */
    static String csrf(String html) {
        var m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]{43})\"").matcher(html);
        if (!m.find()) throw new IllegalStateException("no CSRF token on the page");
        return m.group(1);
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        hub.close();
    }
}

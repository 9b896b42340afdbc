package no.budstikke.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import no.budstikke.console.auth.Passwords;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.ConsoleClient;
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
    private final ConsoleClient http;

    private ConsoleHub(TestHub hub) {
        this.http = new ConsoleClient(hub);
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
        return http.get(path, sessionCookie);
    }

    HttpResponse<String> post(String path, String sessionCookie, Map<String, String> form) {
        return http.post(path, sessionCookie, form);
    }

    /** Logs in and returns the Cookie header value that carries the session. */
    String login(String name) {
        return http.login(name, PASSWORD);
    }

    /** The CSRF token in a page's forms. */
    static String csrf(String html) {
        return ConsoleClient.csrf(html);
    }

    static String encode(Map<String, String> form) {
        return ConsoleClient.encode(form);
    }

    HttpResponse<String> send(HttpRequest request) {
        return http.send(request);
    }

    @Override
    public void close() {
        hub.close();
    }
}

package no.budstikke.console.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The real hub with one console user per role, a plain HTTP client that follows no redirects, and
 * the events the journal, quarantine and config page tests post through the API.
 */
public final class PagesConsole implements AutoCloseable {

    public static final String OPS_PII = "kari";
    public static final String OPS = "ola";
    public static final String STAFF = "siri";
    public static final String PASSWORD = "riktig-hest-batteri-stift";
    /** The DUF number and the child's name in examples/events/missing.json. */
    public static final String DUF = "201912345678";
    public static final String NAME = "Amina Hassan";
    public static final Path MISSING = Path.of("examples/events/missing.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    public final TestHub hub;
    private final ConsoleClient http;

    private PagesConsole(TestHub hub) {
        this.http = new ConsoleClient(hub);
        this.hub = hub;
    }

    public static PagesConsole start(Path dir) throws IOException {
        Path users = dir.resolve("console-users.json");
        String hash = Passwords.hash(PASSWORD);
        Files.writeString(users, """
                {"users": [
                  {"name": "%s", "passwordHash": "%s", "roles": ["ops-pii"]},
                  {"name": "%s", "passwordHash": "%s", "roles": ["ops"]},
                  {"name": "%s", "passwordHash": "%s", "roles": ["staff"]}
                ]}""".formatted(OPS_PII, hash, OPS, hash, STAFF, hash));
        Map<String, String> p = new LinkedHashMap<>(TestHub.defaults(dir, TestDatabases.freshUrl(TestDatabases.Kind.H2, dir)));
        p.put("budstikke.console.users-file", users.toString());
        // Nothing is delivered: the journal shows the notices as the hub decided them.
        p.put("budstikke.delivery.poll-ms", "3600000");
        return new PagesConsole(TestHub.start(p));
    }

    public URI uri(String path) {
        return hub.uri(path);
    }

    /** Posts examples/events/missing.json as a centre; returns the API's answer. */
    public HttpResponse<String> postMissing() throws IOException {
        return hub.post("/api/v1/events", "application/cloudevents+json", Files.readAllBytes(MISSING), TestHub.ALL_CENTRES_KEY);
    }

    /** An event the contract refuses: missing.json with a DUF number of three digits and a new id. */
    public HttpResponse<String> postInvalid() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(MISSING));
        event.put("id", "mot-0301-01-000999");
        ((ObjectNode) event.path("data").path("person")).put("dufNumber", "123");
        return hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(event), TestHub.ALL_CENTRES_KEY);
    }

    public HttpResponse<String> get(String path, String cookie) {
        return http.get(path, cookie);
    }

    public HttpResponse<String> post(String path, String cookie, Map<String, String> form) {
        return http.post(path, cookie, form);
    }

    /** Logs in; the Cookie header value that carries the session. */
    public String login(String name) {
        return http.login(name, PASSWORD);
    }

    public static String csrf(String html) {
        return ConsoleClient.csrf(html);
    }

    private HttpResponse<String> send(HttpRequest request) {
        return http.send(request);
    }

    @Override
    public void close() {
        hub.close();
    }
}

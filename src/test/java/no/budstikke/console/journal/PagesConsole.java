package no.budstikke.console.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.budstikke.console.auth.Passwords;
import no.budstikke.testing.TestDatabases;
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
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]{43})\"");

    public final TestHub hub;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private PagesConsole(TestHub hub) {
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
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) b.header("Cookie", cookie);
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String cookie, Map<String, String> form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"))));
        if (cookie != null) b.header("Cookie", cookie);
        return send(b.build());
    }

    /** Logs in; the Cookie header value that carries the session. */
    public String login(String name) {
        HttpResponse<String> r = post("/console/logg-inn", null, Map.of("navn", name, "passord", PASSWORD));
        if (r.statusCode() != 303) throw new IllegalStateException("login answered " + r.statusCode());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) throw new IllegalStateException("no CSRF token on the page");
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
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

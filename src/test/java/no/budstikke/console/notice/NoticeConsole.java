package no.budstikke.console.notice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import no.budstikke.console.auth.Passwords;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.ConsoleClient;
import no.budstikke.testing.TestHub;
import no.budstikke.testing.TestOffices;

/**
 * The real hub delivering over HTTP to a real office server (WireMock) that refuses the police in
 * Oslo until {@link #fixPolice()}, with console users of each role, and a plain HTTP client that follows
 * no redirects. A missing-child event gives a notice to the police that goes DEAD at its first refusal.
 */
final class NoticeConsole implements AutoCloseable {

    static final String OPS_PII = "kari";
    static final String OPS = "ola";
    static final String STAFF = "siri";
    static final String PASSWORD = "riktig-hest-batteri-stift";
    static final String POLICE = "police-oslo";
    /** The case of examples/events/missing.json: never to be shown on the notice or deadline pages. */
    static final String MISSING_DUF = "201912345678";
    private static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer office;
    final TestHub hub;
    private final ConsoleClient http;
    private String lastEventKey;

    private NoticeConsole(WireMockServer office, TestHub hub) {
        this.http = new ConsoleClient(hub);
        this.office = office;
        this.hub = hub;
    }

    static NoticeConsole start(Path dir) throws IOException {
        WireMockServer office = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        office.start();
        office.stubFor(WireMock.post(urlMatching("/.*")).willReturn(aResponse().withStatus(201)));
        // A permanent refusal: the notice is DEAD after its first attempt.
        office.stubFor(WireMock.post(urlEqualTo("/" + POLICE)).willReturn(aResponse().withStatus(404)));
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
        p.put("budstikke.config.dir", TestOffices.configFolder(dir.resolve("offices"), "http://127.0.0.1:" + office.port(),
                "sftp://budstikke@127.0.0.1:1").toString());
        p.put("budstikke.delivery.sandbox", "false");
        p.put("budstikke.delivery.poll-ms", "100");
        p.put("budstikke.dispatch.poll-ms", "100");
        try {
            return new NoticeConsole(office, TestHub.start(p));
        } catch (RuntimeException e) {
            office.stop();
            throw e;
        }
    }

    /** The office accepts the police's notices from now on. */
    void fixPolice() {
        office.stubFor(WireMock.post(urlEqualTo("/" + POLICE)).willReturn(aResponse().withStatus(201).withHeader("X-Request-Id", "kvittering-7")));
    }

    /** Posts examples/events/missing.json and waits until its notice to the police is DEAD; returns that notice's id. */
    String deadPoliceNotice() throws IOException {
        HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json",
                Files.readAllBytes(Path.of("examples/events/missing.json")), TestHub.ALL_CENTRES_KEY);
        if (r.statusCode() != 202) throw new IllegalStateException("the event was not taken: " + r.statusCode());
        String eventKey = JSON.readTree(r.body()).path("key").asText();
        lastEventKey = eventKey;
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode n : JSON.readTree(hub.get("/api/v1/events/" + eventKey, TestHub.OPS_KEY).body()).path("notices")) {
                if (n.path("officeId").asText().equals(POLICE) && !n.path("copy").asBoolean()) id[0] = n.path("noticeId").asText();
            }
            return id[0] != null && "DEAD".equals(status(id[0]));
        });
        return id[0];
    }

    /** The key of the event {@link #deadPoliceNotice()} posted last. */
    String lastEventKey() {
        return lastEventKey;
    }

    /** The notice's status as the ops API tells it. */
    String status(String noticeId) throws IOException {
        return JSON.readTree(hub.get("/api/v1/notices/" + noticeId, TestHub.OPS_KEY).body()).path("status").asText();
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

    private HttpResponse<String> send(HttpRequest request) {
        return http.send(request);
    }

    @Override
    public void close() {
        try {
            hub.close();
        } finally {
            office.stop();
        }
    }
}

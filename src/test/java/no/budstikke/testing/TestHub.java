package no.budstikke.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import no.budstikke.Budstikke;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real hub (camel-main, the real YAML routes and config/application.properties) started on
 * free loopback ports, with its data folder and database chosen by the test.
 */
public final class TestHub implements AutoCloseable {

    /** Keys in src/test/resources/test-api-keys.json. */
    /** An ops key with the role ops-pii: it sees health data and raw quarantined input. */
    public static final String OPS_KEY = "test-ops-key";
    /** An ops key without roles. */
    public static final String OPS_BASIC_KEY = "test-ops-basic-key";
    public static final String CENTRE_0301_KEY = "test-centre-0301-key";
    public static final String CENTRE_4601_KEY = "test-centre-4601-key";
    public static final String DUF_KEY = "test-duf-key";
    public static final String ALL_CENTRES_KEY = "test-all-centres-key";
    /** A key with only the role metrics: detailed health and metrics on the management port. */
    public static final String METRICS_KEY = "test-metrics-key";

    private final Main main;
    private final int httpPort;
    private final int managementPort;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHub(Main main, int httpPort, int managementPort) {
        this.main = main;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** Settings every test hub gets; {@code overrides} win. */
    public static Map<String, String> defaults(Path dataDir, String dbUrl) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("budstikke.data.dir", dataDir.toString());
        p.put("budstikke.db.url", dbUrl);
        p.put("budstikke.api-keys.file", Path.of("src/test/resources/test-api-keys.json").toAbsolutePath().toString());
        // Not the shipped file, whose documented first login the production profile refuses (password: test-console-password).
        p.put("budstikke.console.users-file", Path.of("src/test/resources/test-console-users.json").toAbsolutePath().toString());
        p.put("budstikke.intake.file.poll-ms", "100");
        p.put("camel.server.host", "127.0.0.1");
        p.put("camel.management.host", "127.0.0.1");
        return p;
    }

    public static TestHub start(Map<String, String> properties) {
        return start(properties, null);
    }

    /** A hub that reads time from {@code clock} (null: the system clock). */
    public static TestHub start(Map<String, String> properties, java.time.Clock clock) {
        int http = freePort();
        int management = freePort();
        Main main = Budstikke.newMain();
        if (clock != null) main.bind(no.budstikke.SettingsWiring.CLOCK_BEAN, clock);
        properties.forEach(main::addOverrideProperty);
        main.addOverrideProperty("budstikke.http.port", Integer.toString(http));
        main.addOverrideProperty("budstikke.management.port", Integer.toString(management));
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("the hub did not start", e);
        }
        return new TestHub(main, http, management);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        return send(b.build());
    }

    /** A GET on the management port with {@link #OPS_KEY}, as an operator or scraper with a key reads it. */
    public HttpResponse<String> getManagement(String path) {
        return getManagement(path, OPS_KEY);
    }

    /** A GET on the management port with {@code apiKey}; null: without a key, as a probe asks. */
    public HttpResponse<String> getManagement(String path, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(managementUri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        return send(b.build());
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

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the hub did not stop", e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

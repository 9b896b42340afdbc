package no.budstikke.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import no.budstikke.auth.ApiKeys;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the hub does with its configuration at start: the production profile's refusals, a
 * broken api-keys file, and settings given at start winning over config/application.properties.
 */
class StartupConfigIT {

    private static final Path FIXTURES = Path.of("src/test/resources/startup").toAbsolutePath();
    private static final Path EVENTS = Path.of("examples/events");
    private static final String MAX_BODY = "budstikke.intake.max-bytes";

    @TempDir
    Path dir;

    @Test
    void productionProfileRefusesToStartWhileAnApiKeyUsesTheLocalDevKey() throws IOException {
        Path keys = FIXTURES.resolve("keys-with-dev-key.json");
        assertThat(Files.readString(keys)).contains(ApiKeys.sha256Hex(ApiKeys.LOCAL_DEV_KEY));
        Map<String, String> settings = onPostgres(settings(keys));
        settings.put("budstikke.profile", "production");
        settings.put("budstikke.delivery.sandbox", "false");

        String message = startFailure(settings);

        assertThat(message).contains("production").contains("ops-desk").contains("local development key");
        assertThat(message).as("names only the offending entry").doesNotContain("test-ops", "all-centres");
    }

    @Test
    void productionProfileStartsWithOnlyNonDevKeys() throws IOException {
        Map<String, String> settings = onPostgres(settings(Path.of("src/test/resources/test-api-keys.json").toAbsolutePath()));
        settings.put("budstikke.profile", "production");
        settings.put("budstikke.delivery.sandbox", "false");
        settings.put("budstikke.ops.mailbox", "Drift <drift@hub.test>");
        settings.put("budstikke.intake.file.sources", "none");
        // plain HTTP only behind a TLS-terminating proxy: here the test itself
        settings.put("budstikke.http.trusted-proxies", "127.0.0.1");
        try (TestHub hub = TestHub.start(settings)) {
            HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json",
                    Files.readAllBytes(EVENTS.resolve("missing.json")), TestHub.CENTRE_0301_KEY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
    }

    @Test
    void productionProfileRefusesAnInboxWithoutABinding() throws IOException {
        Map<String, String> settings = settings(Path.of("src/test/resources/test-api-keys.json").toAbsolutePath());
        settings.put("budstikke.profile", "production");
        settings.put("budstikke.delivery.sandbox", "false");
        settings.put("budstikke.ops.mailbox", "Drift <drift@hub.test>");

        String message = startFailure(settings);

        assertThat(message).contains("production").contains("budstikke.intake.file.sources").contains("pose as DUF");
    }

    @Test
    void aMistypedInboxBindingStopsTheHubNamingTheSetting() throws IOException {
        Map<String, String> settings = settings(Path.of("src/test/resources/test-api-keys.json").toAbsolutePath());
        settings.put("budstikke.intake.file.folders.bergen", "urn:no:udi:mot:centre:C-4601-02, centre:C-0301-01");

        String message = startFailure(settings);

        assertThat(message).contains("budstikke.intake.file.folders.bergen").contains("'centre:C-0301-01' is no source pattern");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "budstikke.sftp.strict-host-key-checking, maybe, must be yes or no",
        "budstikke.sftp.connect-timeout-ms, 0, above 0",
        "budstikke.delivery.http.read-timeout-ms, -5, above 0"
    })
    void aMistypedChannelSettingStopsTheHubNamingTheSetting(String key, String value, String expected) throws IOException {
        Map<String, String> settings = settings(Path.of("src/test/resources/test-api-keys.json").toAbsolutePath());
        settings.put(key, value);

        String message = startFailure(settings);

        assertThat(message).contains(key).contains(expected);
    }

    @Test
    void embeddedProfileAcceptsTheDocumentedLocalDevKey() throws IOException {
        Map<String, String> settings = settings(Path.of("config/api-keys.json").toAbsolutePath());
        try (TestHub hub = TestHub.start(settings)) {
            HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json",
                    Files.readAllBytes(EVENTS.resolve("missing.json")), ApiKeys.LOCAL_DEV_KEY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "keys-missing-sha256.json, /keys/0/sha256, 64 hex digits",
        "keys-bad-hex.json,        /keys/0/sha256, 64 hex digits",
        "keys-duplicate-name.json, /keys/1/name,   used twice",
    })
    void malformedApiKeysFileRefusesStartNamingTheFileThePointerAndWhy(String fixture, String pointer, String why) {
        Path keys = FIXTURES.resolve(fixture);

        String message = startFailure(settings(keys));

        assertThat(message).contains(keys.toString()).contains(pointer).contains(why);
    }

    @Test
    void apiKeysFileThatIsNotJsonRefusesStartNamingTheFile() throws IOException {
        Path keys = dir.resolve("api-keys.json");
        Files.writeString(keys, "{ \"keys\": [ { \"name\": \"duf\", ");

        String message = startFailure(settings(keys));

        assertThat(message).contains(keys.toString()).contains("JSON");
    }

    @Test
    void maxBodySizeGivenAtStartWinsOverApplicationProperties() throws IOException {
        assertThat(Files.readString(Path.of("config/application.properties")))
                .as("the file's own limit is far above the test body").contains(MAX_BODY + " = 1048576");
        byte[] body = padded(Files.readAllBytes(EVENTS.resolve("missing.json")), 3000);

        try (TestHub hub = TestHub.start(settings(null))) {
            assertThat(post(hub, body).statusCode()).as("under config/application.properties").isEqualTo(202);
        }

        Map<String, String> overridden = settings(null);
        overridden.put(MAX_BODY, "2000");
        try (TestHub hub = TestHub.start(overridden)) {
            assertThat(post(hub, body).statusCode()).isEqualTo(413);
            byte[] small = Files.readAllBytes(Path.of("src/test/resources/events/valid/no.udi.duf.amot.tertial-due.v1.json"));
            assertThat(small.length).isLessThan(2000);
            HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", small, TestHub.DUF_KEY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        }
    }

    @Test
    void maxBodySizeGivenAsSystemPropertyWinsOverApplicationProperties() throws IOException {
        byte[] body = padded(Files.readAllBytes(EVENTS.resolve("missing.json")), 3000);
        String before = System.getProperty(MAX_BODY);
        System.setProperty(MAX_BODY, "2000");
        try (TestHub hub = TestHub.start(settings(null))) {
            assertThat(post(hub, body).statusCode()).isEqualTo(413);
        } finally {
            if (before == null) System.clearProperty(MAX_BODY);
            else System.setProperty(MAX_BODY, before);
        }
    }

    /** The production profile refuses the embedded H2 database. */
    private Map<String, String> onPostgres(Map<String, String> settings) {
        settings.put("budstikke.db.url", TestDatabases.freshUrl(Kind.POSTGRES, dir));
        return settings;
    }

    /** Test hub settings, with the given api-keys file (null: the usual test keys). */
    private Map<String, String> settings(Path apiKeys) {
        Map<String, String> s = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
        if (apiKeys != null) s.put("budstikke.api-keys.file", apiKeys.toString());
        return s;
    }

    /** Starts a hub that must refuse, and returns the ConfigException's message from the cause chain. */
    private static String startFailure(Map<String, String> settings) {
        Throwable thrown = catchThrowable(() -> TestHub.start(settings).close());
        assertThat(thrown).as("the hub started, but it should have refused").isInstanceOf(IllegalStateException.class);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) return t.getMessage();
        }
        throw new AssertionError("no ConfigException in the cause chain", thrown);
    }

    private static HttpResponse<String> post(TestHub hub, byte[] body) {
        return hub.post("/api/v1/events", "application/cloudevents+json", body, TestHub.CENTRE_0301_KEY);
    }

    /** The event followed by spaces up to {@code size} bytes: still one valid event. */
    private static byte[] padded(byte[] event, int size) {
        assertThat(event.length).isLessThan(2000);
        byte[] body = Arrays.copyOf(event, size);
        Arrays.fill(body, event.length, size, (byte) ' ');
        assertThat(new String(body, StandardCharsets.UTF_8).strip()).isEqualTo(new String(event, StandardCharsets.UTF_8).strip());
        return body;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "budstikke.delivery.sandbox, true, sandbox",
        "budstikke.mail.starttls-required, false, clear text",
        "budstikke.sftp.strict-host-key-checking, no, known-hosts-file",
        "budstikke.ops.mailbox, Budstikke drift <drift@budstikke.example>, reach nobody",
        "budstikke.ops.mailbox, '', reach nobody",
        "budstikke.db.url, '', PostgreSQL",
        "budstikke.db.url, jdbc:h2:mem:budstikke, PostgreSQL"
    })
    void productionProfileRefusesSettingsThatAreOnlySafeLocally(String key, String value, String reason) throws IOException {
        Map<String, String> settings = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.POSTGRES, dir));
        settings.put("budstikke.profile", "production");
        settings.put("budstikke.delivery.sandbox", "false");
        settings.put("budstikke.api-keys.file", Path.of("src/test/resources/test-api-keys.json").toAbsolutePath().toString());
        settings.put(key, value);

        String message = startFailure(settings);

        assertThat(message).contains("production").contains(key).contains(reason);
    }
}

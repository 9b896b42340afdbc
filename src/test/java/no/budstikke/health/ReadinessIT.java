package no.budstikke.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.time.Duration;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness follows the hub's database; liveness does not. Each test runs its own PostgreSQL
 * server (not the shared one), since it is stopped under the running hub.
 */
class ReadinessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READY = "/observe/health/ready";
    private static final String LIVE = "/observe/health/live";
    /** Hikari waits 5 s for a connection; a few of those must fit. */
    private static final Duration DB_CHANGE_NOTICED = Duration.ofSeconds(30);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private EmbeddedPostgres postgres;
    private TestHub hub;

    @AfterEach
    void tearDown() throws IOException {
        if (hub != null) hub.close();
        if (postgres != null) postgres.close();
    }

    @Test
    void readinessIsDownAndIntakeAnswers503WhileTheDatabaseIsAwayAndBothRecoverWhenItReturns() throws IOException {
        Path pgData = dir.resolve("pg");
        postgres = startPostgres(0, pgData);
        int port = postgres.getPort();
        hub = TestHub.start(TestHub.defaults(dir.resolve("hub"), postgres.getJdbcUrl("postgres", "postgres")));
        awaitReady(hub);
        assertThat(databaseCheck(hub.getManagement(READY))).isEqualTo("UP");
        assertThat(post(hub, "missing.json").statusCode()).isEqualTo(202);

        stopPostgres();
        awaitDatabaseDown(hub);
        HttpResponse<String> bare = hub.getManagement(READY, null);
        assertThat(bare.statusCode()).as("a probe without a key: %s", bare.body()).isEqualTo(503);
        assertThat(json(bare.body())).as("down, and not why").isEqualTo(json("{\"status\":\"DOWN\"}"));
        HttpResponse<String> live = hub.getManagement(LIVE);
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(json(live.body()).path("status").asText()).isEqualTo("UP");

        HttpResponse<String> refused = post(hub, "returned.json");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("[1-9][0-9]*"));
        JsonNode problem = json(refused.body());
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();

        postgres = startPostgres(port, pgData);
        awaitReady(hub);
        assertThat(databaseCheck(hub.getManagement(READY))).isEqualTo("UP");
        HttpResponse<String> stored = post(hub, "returned.json");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
        assertThat(json(stored.body()).path("outcome").asText()).as("the refused event was not stored").isEqualTo("stored");

        stopPostgres();
        awaitDatabaseDown(hub);
        TestHub stopping = hub;
        hub = null;
        assertTimeoutPreemptively(STOP_LIMIT, stopping::close, "the hub must stop while its database is away");
    }

    /**
     * The embedded H2 closing itself (out of memory once closed the database for good) must not
     * leave readiness UP while every intake fails: the check runs a query, not a liveness probe
     * of a pooled connection.
     */
    @Test
    void readinessIsDownWhenTheEmbeddedDatabaseHasClosedAndCannotBeOpenedAgain() throws Exception {
        Path data = dir.resolve("hub");
        hub = TestHub.start(TestHub.defaults(data, ""));
        awaitReady(hub);
        assertThat(databaseCheck(hub.getManagement(READY))).isEqualTo("UP");
        assertThat(post(hub, "missing.json").statusCode()).isEqualTo(202);

        Connection c = hub.bean("dataSource", DataSource.class).getConnection();
        try {
            c.createStatement().execute("SHUTDOWN");
        } finally {
            try {
                c.close();
            } catch (SQLException alreadyClosed) {
                // the connection went with the database, as asked
            }
        }
        // What a crash can leave behind: a file that no longer opens as a database.
        Path file = data.resolve("budstikke.mv.db");
        assertThat(file).exists();
        Files.write(file, new byte[4096]);

        awaitDatabaseDown(hub);
        HttpResponse<String> refused = post(hub, "returned.json");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(hub.getManagement(LIVE).statusCode()).isEqualTo(200);
    }

    private void stopPostgres() throws IOException {
        postgres.close();
        postgres = null;
    }

    private static void awaitDatabaseDown(TestHub hub) {
        await().atMost(DB_CHANGE_NOTICED).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> ready = hub.getManagement(READY);
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            assertThat(databaseCheck(ready)).as(ready.body()).isEqualTo("DOWN");
        });
    }

    /** Keeps its data folder on close, so it can be started again on the same port and data. */
    private static EmbeddedPostgres startPostgres(int port, Path data) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false);
        if (port > 0) b.setPort(port);
        return b.start();
    }

    private static void awaitReady(TestHub hub) {
        await().atMost(DB_CHANGE_NOTICED).pollInterval(Duration.ofMillis(100))
                .until(() -> hub.getManagement(READY).statusCode() == 200);
    }

    private static HttpResponse<String> post(TestHub hub, String example) {
        try {
            byte[] body = Files.readAllBytes(Path.of("examples/events", example));
            return hub.post("/api/v1/events", "application/cloudevents+json", body, TestHub.ALL_CENTRES_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status of the readiness check named "database", or "" when it is not listed. */
    private static String databaseCheck(HttpResponse<String> health) {
        for (JsonNode check : json(health.body()).path("checks")) {
            if (check.path("name").asText().equals("database")) return check.path("status").asText();
        }
        return "";
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

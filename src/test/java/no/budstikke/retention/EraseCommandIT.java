package no.budstikke.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.store.Database;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code erase --duf-number-file}: the DUF number comes from a file or standard input, never the
 * command line; the person is gone from every table of the hub's (stopped) H2 database, and the
 * retention log names the operating system user.
 */
class EraseCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DUF = "209876543210";

    @TempDir
    Path dir;

    @Test
    void erasesFromAFileOrStandardInputAndRefusesTheNumberAsAnArgument() throws Exception {
        String url = TestDatabases.freshUrl(Kind.H2, dir);
        String key;
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, url))) {
            ObjectNode missing = Fixtures.example("missing");
            Fixtures.set(missing, "/id", "cli-" + System.nanoTime());
            Fixtures.set(missing, "/data/person/dufNumber", DUF);
            HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", JSON.writeValueAsBytes(missing),
                    TestHub.ALL_CENTRES_KEY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            key = JSON.readTree(r.body()).path("key").asText();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    JSON.readTree(hub.get("/api/v1/events/" + key, TestHub.OPS_KEY).body()).path("status").asText()).isEqualTo("DISPATCHED"));
        }
        Path properties = dir.resolve("application.properties");
        Files.writeString(properties, Files.readString(Path.of("config/application.properties"))
                + "\nbudstikke.db.url = " + url + "\nbudstikke.data.dir = " + dir + "\n");

        // The number on the command line is refused: shell history and process lists would keep it.
        Run usage = erase(List.of(DUF), properties, "");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("--duf-number-file").doesNotContain(DUF);
        // Input that is no DUF number is refused without being echoed.
        Run bad = erase(List.of("--duf-number-file", "-"), properties, "Amina Hassan\n");
        assertThat(bad.exit()).isEqualTo(65);
        assertThat(bad.err()).contains("twelve digits").doesNotContain("Amina");

        Path file = dir.resolve("duf.txt");
        Files.writeString(file, DUF + "\n");
        Run fromFile = erase(List.of("--duf-number-file", file.toString()), properties, "");
        assertThat(fromFile.exit()).as(fromFile.err()).isZero();
        JsonNode printed = JSON.readTree(fromFile.out());
        assertThat(printed.at("/counts/events").asLong()).isEqualTo(1);
        assertThat(printed.path("eventKeys").get(0).asText()).isEqualTo(key);
        assertThat(fromFile.out() + fromFile.err()).doesNotContain(DUF);

        // Again from standard input: nothing is left to erase, and it says so in counts.
        Run fromStdin = erase(List.of("--duf-number-file", "-"), properties, DUF + "\n");
        assertThat(fromStdin.exit()).as(fromStdin.err()).isZero();
        assertThat(JSON.readTree(fromStdin.out()).at("/counts/events").asLong()).isZero();

        try (Database db = Database.open(url, null, null, dir, 2)) {
            assertThat(TableScan.holding(db.dataSource(), DUF, "Hassan")).isEmpty();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT actor FROM retention_log WHERE action = 'ERASURE' ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("cli:" + System.getProperty("user.name"));
            }
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run erase(List<String> args, Path properties, String stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = EraseCommand.run(args, properties, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

package no.budstikke.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each answered request on either port is one line on no.budstikke.access, and what a client put in
 * the path or the query (here a DUF number and a name) is not in it, nor anywhere else in the log.
 */
class AccessLogIT {

    private static final String DUF = "201912345678";

    @TempDir
    Path work;

    @Test
    void everyAnswerIsOneLineWithoutWhatTheClientPutInThePathOrQuery() throws Exception {
        Map<String, String> settings = TestHub.defaults(work, TestDatabases.freshUrl(TestDatabases.Kind.H2, work));
        try (LogCapture log = LogCapture.attach(); TestHub hub = TestHub.start(settings)) {
            byte[] event = Files.readAllBytes(Path.of("examples/events/missing.json"));
            assertThat(hub.post("/api/v1/events?duf=" + DUF + "&name=Kari%20Nordmann", "application/cloudevents+json",
                    event, TestHub.ALL_CENTRES_KEY).statusCode()).isEqualTo(202);
            assertThat(hub.get("/api/v1/events/" + DUF, TestHub.OPS_KEY).statusCode()).isEqualTo(404);
            assertThat(hub.post("/api/v1/events/Kari%20Nordmann/release", null, new byte[0], TestHub.OPS_KEY).statusCode()).isEqualTo(404);
            assertThat(hub.get("/api/v1/notices", null).statusCode()).isEqualTo(401);
            assertThat(hub.getManagement("/observe/health/live", null).statusCode()).isEqualTo(200);

            // Each request's line, found by what it must say; the hub's own requests (none here) would not match.
            List<String> expected = List.of("POST /api/v1/events status=202", "GET /api/v1/events/… status=404",
                    "POST /api/v1/events/…/release status=404", "GET /api/v1/notices status=401", "GET /observe/health/live status=200");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(expected).allSatisfy(e ->
                    assertThat(accessLines(log)).filteredOn(l -> l.contains(e)).hasSize(1)));
            List<String> lines = accessLines(log);
            String intake = lines.stream().filter(l -> l.contains(expected.get(0))).findFirst().orElseThrow();
            assertThat(intake).matches(".*port=\\d+ POST /api/v1/events status=202 ms=\\d+ bytes=\\d+ client=127\\.0\\.0\\.1");
            String probe = lines.stream().filter(l -> l.contains(expected.get(4))).findFirst().orElseThrow();
            assertThat(probe).doesNotContain(intake.replaceAll(".*(port=\\d+).*", "$1"));
            assertThat(log.all()).doesNotContain(DUF).doesNotContain("Kari").doesNotContain("Nordmann");
        }
    }

    private static List<String> accessLines(LogCapture log) {
        return log.lines().stream().filter(l -> l.startsWith("no.budstikke.access ")).toList();
    }
}

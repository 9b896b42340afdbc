package no.budstikke.startup;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.testing.LogCapture;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that takes longer than budstikke.startup.report-after-ms logs one line with what it spent
 * its time on: the hub's own main in a child JVM, as {@code java -jar} runs it, on the shipped config
 * folder and a fresh embedded database.
 */
class StartupReportIT {

    private static final String LINE = "start-up took ";

    @TempDir
    Path work;

    @Test
    void aStartOverTheThresholdLogsEveryPhaseOnceAndReadsTheConfigFolderOnce() throws Exception {
        Process hub = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dbudstikke.config.dir=" + Path.of("config").toAbsolutePath(),
                "-Dbudstikke.data.dir=" + work.resolve("var"),
                "-Dbudstikke.startup.report-after-ms=0",
                "-Dbudstikke.http.port=" + freePort(), "-Dbudstikke.management.port=" + freePort(),
                "-Dcamel.server.host=127.0.0.1", "-Dcamel.management.host=127.0.0.1",
                "no.budstikke.Budstikke")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("out.txt").toFile())
                .start();
        Optional<String> report;
        try {
            report = awaitLine(work.resolve("out.txt"), hub, Duration.ofSeconds(120));
        } finally {
            hub.destroy();
            if (!hub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) hub.destroyForcibly();
        }

        String out = Files.readString(work.resolve("out.txt"), UTF_8);
        assertThat(report).as(out).isPresent();
        String line = report.get().substring(report.get().indexOf(LINE));
        assertThat(line).matches("start-up took \\d+ ms \\(more than 0 ms\\): .*");
        List<String> phases = List.of(line.substring(line.indexOf("): ") + 3).split(", "));
        assertThat(phases).extracting(p -> p.replaceAll(" \\d+ ms$", ""))
                .containsExactly("jvm", "settings", "config folder", "camel boot", "database", "wiring and routes", "camel start");
        assertThat(phases).allSatisfy(p -> assertThat(p).matches(".+ \\d+ ms"));
        assertThat(out.lines().filter(l -> l.contains(LINE))).as("one report").hasSize(1);
    }

    @Test
    void aStartWithinTheThresholdSaysNothingAboutItsPhases() {
        Map<String, String> settings = TestHub.defaults(work, TestDatabases.freshUrl(TestDatabases.Kind.H2, work));
        settings.put("budstikke.startup.report-after-ms", "600000");
        try (LogCapture log = LogCapture.attach(); TestHub hub = TestHub.start(settings)) {
            // Ready is what the report would have timed; the first jobs may still be starting.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(hub.getManagement("/observe/health/ready", null).statusCode()).isEqualTo(200));
            assertThat(log.all()).doesNotContain(LINE);
        }
    }

    /** The report line once it is written; empty if the hub ended or the time ran out first. */
    private static Optional<String> awaitLine(Path out, Process hub, Duration within) throws IOException, InterruptedException {
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            // Read leniently: the hub may be in the middle of writing a line.
            Optional<String> line = new String(Files.readAllBytes(out), UTF_8).lines().filter(l -> l.contains(LINE)).findFirst();
            if (line.isPresent() || !hub.isAlive()) return line;
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

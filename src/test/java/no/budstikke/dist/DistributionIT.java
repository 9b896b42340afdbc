package no.budstikke.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 6: the tar.gz that {@code mvn package} builds is unpacked and started as an
 * operator would: {@code bin/budstikke} on its shipped config, from a working folder of its own.
 * It takes an event with the documented local key and delivers to its sandbox; its commands run.
 */
class DistributionIT {

    private static final String LOCAL_KEY = "budstikke-local-dev-key";

    @TempDir
    Path dir;

    @Test
    void theUnpackedDistributionRunsTheHubAndItsCommands() throws Exception {
        Path home = unpack();
        for (String part : List.of("bin/budstikke", "config/application.properties", "config/api-keys.json",
                "config/templates/missing-person-report.txt", "lib/budstikke.jar", "systemd/budstikke.service",
                "examples/events/missing.json", "README.md")) {
            assertThat(home.resolve(part)).as(part).exists();
        }
        assertThat(Files.isExecutable(home.resolve("bin/budstikke"))).isTrue();

        Result help = run(home, List.of("--help"), home);
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("check [--config DIR]", "explain EVENT.json", "new-api-key NAME");

        Result explain = run(home, List.of("explain", "examples/events/missing.json"), home);
        assertThat(explain.exitCode()).as(explain.output()).isZero();
        assertThat(explain.output()).contains("O21 missing-person-report");

        Path work = Files.createDirectories(dir.resolve("work"));
        int http = freePort();
        int management = freePort();
        Process hub = start(home, work, http, management);
        try {
            HttpClient client = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() ->
                    assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management
                            + "/observe/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200));
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/v1/events"))
                    .header("Content-Type", "application/cloudevents+json").header("Authorization", "Bearer " + LOCAL_KEY)
                    .POST(HttpRequest.BodyPublishers.ofFile(home.resolve("examples/events/missing.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            // The embedded default delivers to the sandbox under the working folder's var/.
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(work.resolve("var/sandbox/police-oslo"))
                    && jsonFiles(work.resolve("var/sandbox/police-oslo")) > 0);
        } finally {
            hub.destroy();
            assertThat(hub.waitFor(40, TimeUnit.SECONDS)).as("the hub stops on SIGTERM").isTrue();
        }
        // A stop is quiet: no job still polling a database that was closed under it.
        assertThat(Files.readAllLines(dir.resolve("hub.log"))).as("the hub's log").noneMatch(line -> line.contains(" ERROR "));
    }

    private Path unpack() throws Exception {
        Path tarball;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), "budstikke-*.tar.gz")) {
            List<Path> all = new ArrayList<>();
            found.forEach(all::add);
            assertThat(all).as("mvn package builds one distribution").hasSize(1);
            tarball = all.get(0);
        }
        Path into = Files.createDirectories(dir.resolve("opt"));
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0).as("tar xzf").isTrue();
        String name = tarball.getFileName().toString().replace(".tar.gz", "");
        return into.resolve(name);
    }

    private Process start(Path home, Path work, int http, int management) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/budstikke").toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("hub.log").toFile());
        pb.environment().put("JAVA", java());
        pb.environment().put("JAVA_OPTS", "-Dbudstikke.http.port=" + http + " -Dbudstikke.management.port=" + management
                + " -Dcamel.server.host=127.0.0.1 -Dcamel.management.host=127.0.0.1");
        return pb.start();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path home, List<String> args, Path workingDir) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/budstikke").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA", java());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static long jsonFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

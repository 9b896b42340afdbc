package no.budstikke.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What ops can mistype at the command line, and a database that is not there: a clear line and an exit status, never a stack trace. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int replay(Path hubProperties, String... args) {
        return ReplayCommand.run(List.of(args), hubProperties, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "--replay",                                          // no candidate
            "--replay --config",                                 // no value
            "--replay --config --json",                          // an option where the value belongs
            "--replay --cnofig config",                          // a typo
            "--replay --config config --from yesterday",         // not a time
            "--replay --config config --from 2026-13-01",        // no such date
            "--replay --config config --from 2026-11-02 --to 2026-11-01",
            "--replay --config config extra"})
    void aMistypedCommandIsAUsageErrorWithoutAStackTrace(String line) {
        assertThat(replay(dir.resolve("none.properties"), line.split(" "))).isEqualTo(ReplayCommand.USAGE_ERROR);
        assertThat(err()).startsWith("explain --replay: ").contains("usage: explain --replay --config CANDIDATE_DIR")
                .doesNotContain("Exception", "\tat ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void explainHandsReplayToTheShadowRun() {
        int status = Explain.run(List.of("--replay", "--cnofig", "x"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(ReplayCommand.USAGE_ERROR);
        assertThat(err()).contains("unexpected argument '--cnofig'");
    }

    @Test
    void theCandidateFolderIsCheckedEvenWhenTheRunningHubsFolderIsSetAsSystemProperty() throws IOException {
        Path candidate = dir.resolve("candidate");
        try (java.util.stream.Stream<Path> files = Files.walk(Path.of("config"))) {
            for (Path f : files.toList()) {
                Path t = candidate.resolve(Path.of("config").relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t); else Files.copy(f, t);
            }
        }
        Path rules = candidate.resolve("routing-rules.yaml");
        Files.writeString(rules, Files.readString(rules).replace("    kind: concern-report\n    purpose: returned\n",
                "    kind: concern-report\n    purpose: no-such-purpose\n"));
        String before = System.getProperty("budstikke.config.dir");
        System.setProperty("budstikke.config.dir", Path.of("config").toAbsolutePath().toString()); // the running hub's, valid
        try {
            assertThat(replay(dir.resolve("none.properties"), "--replay", "--config", candidate.toString()))
                    .isEqualTo(no.budstikke.config.ConfigErrors.EX_CONFIG);
            assertThat(err()).contains("no-such-purpose");
        } finally {
            if (before == null) System.clearProperty("budstikke.config.dir"); else System.setProperty("budstikke.config.dir", before);
        }
    }

    @Test
    void noHubDatabaseInTheDataFolderIsSaidSoAndExits69() throws IOException {
        Path properties = Files.writeString(dir.resolve("hub.properties"), "budstikke.data.dir = " + dir.resolve("var") + "\n");
        assertThat(replay(properties, "--replay", "--config", "config")).isEqualTo(ReplayCommand.DATABASE_UNAVAILABLE);
        assertThat(err()).contains("no hub database in").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aDatabaseThatRefusesIsSaidSoAndExits69() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Path properties = Files.writeString(dir.resolve("hub.properties"), "budstikke.db.url = jdbc:postgresql://127.0.0.1:" + port
                + "/budstikke\nbudstikke.db.user = hub\nbudstikke.db.password = s3cret-password\n");
        assertThat(replay(properties, "--replay", "--config", "config")).isEqualTo(ReplayCommand.DATABASE_UNAVAILABLE);
        assertThat(err()).contains("cannot read the hub's database").doesNotContain("s3cret-password", "\tat ");
    }
}

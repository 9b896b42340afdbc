package no.budstikke.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's own main, started in a child JVM on a broken copy of config/: it prints a clean list
 * of problems (file, line, pointer, what is expected), no stack trace and no shutdown of a Camel
 * that never ran, and exits with 78 (EX_CONFIG).
 */
class ConfigErrorsExitIT {

    @TempDir
    Path work;

    Path config;

    @BeforeEach
    void copyShippedConfig() throws IOException {
        config = work.resolve("config");
        try (Stream<Path> files = Files.walk(Path.of("config"))) {
            for (Path from : files.toList()) {
                Path to = config.resolve(Path.of("config").relativize(from).toString());
                if (Files.isDirectory(from)) Files.createDirectories(to);
                else Files.copy(from, to);
            }
        }
    }

    record Run(int exit, String out, String err) {
    }

    private Run start(String... extraArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dbudstikke.config.dir=" + config,
                "-Dcamel.server.host=127.0.0.1", "-Dcamel.management.host=127.0.0.1"));
        command.addAll(List.of(extraArgs));
        command.add("no.budstikke.Budstikke");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("BUDSTIKKE_"));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the hub did not stop on its own; it should have refused to start");
        }
        return new Run(p.exitValue(), Files.readString(work.resolve("out.txt"), UTF_8), Files.readString(work.resolve("err.txt"), UTF_8));
    }

    private static void assertClean(Run run) {
        String all = run.out() + run.err();
        assertThat(run.exit()).as(all).isEqualTo(ConfigErrors.EX_CONFIG);
        assertThat(all).as("no stack trace").doesNotContain("Exception in thread", "Caused by", "\tat ");
        assertThat(all).as("no shutdown of a Camel that never ran").doesNotContain("SIGTERM", "Apache Camel");
        assertThat(run.err()).startsWith("budstikke: the configuration is invalid");
    }

    @Test
    void aMisspeltSettingStopsTheStartWithTheLineAndTheClosestKnownKey() throws Exception {
        Path properties = config.resolve("application.properties");
        Files.writeString(properties, Files.readString(properties) + "budstikke.delivery.sandbx = false\n");
        int line = Files.readAllLines(properties).size();

        Run run = start();

        assertClean(run);
        assertThat(run.err()).contains("  " + properties + ":" + line + " at budstikke.delivery.sandbx: unknown setting "
                + "'budstikke.delivery.sandbx' (did you mean 'budstikke.delivery.sandbox'?); expected ");
    }

    @Test
    void checkFindsWhatTheStartFindsWithTheSameTextAndAcceptsTheShippedFolder() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertThat(no.budstikke.Budstikke.check(List.of("--config", config.toString()), new java.io.PrintStream(out, true, UTF_8),
                new java.io.PrintStream(err, true, UTF_8))).as(err.toString(UTF_8)).isZero();
        assertThat(out.toString(UTF_8)).contains("is valid");

        Path properties = config.resolve("application.properties");
        Files.writeString(properties, Files.readString(properties) + "budstikke.mail.hots = smtp.example\n");
        Path template = config.resolve("templates/arrival-notice.txt");
        Files.writeString(template, Files.readString(template) + "{{#each /nope}}\n");

        err.reset();
        int exit = no.budstikke.Budstikke.check(List.of("--config", config.toString()), new java.io.PrintStream(out, true, UTF_8),
                new java.io.PrintStream(err, true, UTF_8));
        Run start = start();

        assertThat(exit).isEqualTo(ConfigErrors.EX_CONFIG);
        assertClean(start);
        String checked = err.toString(UTF_8);
        assertThat(checked).contains("budstikke.mail.hots").contains("arrival-notice");
        assertThat(problemLines(checked)).isEqualTo(problemLines(start.err()));
    }

    /** One mistake in each file of the config folder: check and start list it alike, naming the file. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "application.properties | budstikke.http.port = 8080 | budstikke.http.port = åtti",
        "api-keys.json | \"keys\" | \"kyes\"",
        "directory.yaml | '    channel: mail' | '    channel: mial'",
        "routing-rules.yaml | priority: URGENT | priority: URGNT",
        "disclosure-policies.yaml | - /data/person/givenName | - /data/person/givenNavn",
        "deadlines.yaml | limit: { hours: 24 } | limit: { hours: -24 }",
        "templates/arrival-notice.txt | {{ | {{#each /nope}}{{"
    })
    void everyFileOfTheFolderIsCheckedAsTheStartChecksIt(String file, String from, String to) throws Exception {
        Path path = config.resolve(file);
        String before = Files.readString(path);
        assertThat(before).as("the shipped %s holds %s", file, from).contains(from);
        Files.writeString(path, before.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = no.budstikke.Budstikke.check(List.of("--config", config.toString()), new java.io.PrintStream(out, true, UTF_8),
                new java.io.PrintStream(err, true, UTF_8));
        assertThat(exit).as(err.toString(UTF_8)).isEqualTo(ConfigErrors.EX_CONFIG);
        Run start = start();

        assertClean(start);
        assertThat(err.toString(UTF_8)).contains(path.getFileName().toString());
        assertThat(problemLines(err.toString(UTF_8))).isEqualTo(problemLines(start.err()));
    }

    /** The listed problems, without the first line that names the command. */
    private static List<String> problemLines(String printed) {
        List<String> lines = printed.lines().toList();
        return lines.subList(1, lines.size());
    }

    @Test
    void aPemCertificateWithoutItsKeyStopsTheStartNamingTheSetting() throws Exception {
        Path certificate = Files.writeString(work.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        Run run = start("-Dbudstikke.tls.certificate-file=" + certificate);

        assertClean(run);
        assertThat(run.err()).contains("setting 'budstikke.tls.private-key-file': budstikke.tls.certificate-file is given without its "
                + "private key");
    }

    @Test
    void problemsInSeveralFilesAreListedTogether() throws Exception {
        Path rules = config.resolve("routing-rules.yaml");
        Files.writeString(rules, Files.readString(rules).replace("    priority: URGENT\n", "    priority: URGNT\n"));
        Files.writeString(config.resolve("api-keys.json"), "{ \"keys\": [ ");

        Run run = start("-Dbudstikke.profile=production", "-Dbudstikke.http.port=eighty");

        assertClean(run);
        assertThat(run.err()).contains("system properties at budstikke.http.port: setting 'budstikke.http.port' must be a whole number")
                .contains("the production profile refuses")
                .contains(config.resolve("api-keys.json") + ": not readable JSON")
                .contains(rules + ":").contains("URGNT");
    }
}

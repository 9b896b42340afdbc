package no.budstikke.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import no.budstikke.Budstikke;
import no.budstikke.config.ConfigErrors;
import no.budstikke.config.ConfigException;
import no.budstikke.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped retention.yaml loads; each kind of mistake names file, line, pointer and what is expected. */
class RetentionLoaderTest {

    @TempDir
    Path dir;

    @Test
    void theShippedFileLoadsAndGivesItsCutOffs() {
        Retention r = RetentionLoader.load(Path.of("config"));
        assertThat(r).isEqualTo(new Retention(365, 90, 30, 10));
        TestClock clock = TestClock.at("2026-11-21T12:00:00Z");
        assertThat(r.quarantineBefore(clock)).isEqualTo(Instant.parse("2026-10-22T12:00:00Z"));
        assertThat(r.noticeContentsBefore(clock)).isEqualTo(Instant.parse("2026-08-23T12:00:00Z"));
        assertThat(r.eventPayloadsBefore(clock)).isEqualTo(Instant.parse("2025-11-21T12:00:00Z"));
        assertThat(r.journalBefore(clock)).isEqualTo(Instant.parse("2016-11-21T12:00:00Z").atOffset(ZoneOffset.UTC).toInstant());
    }

    @Test
    void aPeriodThatIsNoNumberNamesItsLineAndPointer() throws IOException {
        Path file = write(shipped().replace("  days: 30", "  days: thirty"));
        List<String> problems = problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(file + ":" + lineOf(file, "days: thirty") + " at /quarantine/days: ")
                .contains("thirty").contains("; expected ").contains("whole number");
    }

    @Test
    void zeroDaysAndAMissingSectionAreRefused() throws IOException {
        Path file = write(shipped().replace("  daysAfterDelivery: 90", "  daysAfterDelivery: 0")
                .replace("journal:\n  years: 10\n", ""));
        List<String> problems = problems();
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(file + ":" + lineOf(file, "daysAfterDelivery: 0") + " at /noticeContents/daysAfterDelivery: ")
                .contains("at least 1"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("missing key 'journal'"));
    }

    @Test
    void aJournalShorterThanTheDataItDescribesIsRefused() throws IOException {
        Path file = write(shipped().replace("  years: 10", "  years: 1").replace("daysAfterCaseQuiet: 365", "daysAfterCaseQuiet: 730"));
        List<String> problems = problems();
        assertThat(problems).containsExactly(file + ":" + lineOf(file, "years: 1") + " at /journal/years: 1 years is shorter than the 730 days"
                + " event payloads or notice contents are kept; expected at least 2 years: the journal must outlive what it describes");
    }

    @Test
    void aMisspeltKeyIsRefused() throws IOException {
        Path file = write(shipped().replace("quarantine:\n  days: 30", "quarantine:\n  dayz: 30"));
        assertThat(problems()).anySatisfy(p -> assertThat(p).startsWith(file + ":" + lineOf(file, "dayz") + " at /quarantine/dayz: unknown key"));
    }

    @Test
    void aBadRetentionFileStopsTheCheckOfTheWholeFolderWithExit78() throws IOException {
        Path config = dir.resolve("config");
        try (Stream<Path> files = Files.walk(Path.of("config"))) {
            for (Path from : files.toList()) {
                Path to = config.resolve(Path.of("config").relativize(from).toString());
                if (Files.isDirectory(from)) Files.createDirectories(to);
                else Files.copy(from, to);
            }
        }
        Path file = config.resolve(RetentionLoader.FILE);
        Files.writeString(file, Files.readString(file).replace("  years: 10", "  years: -3"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Budstikke.check(List.of("--config", config.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(ConfigErrors.EX_CONFIG);
        assertThat(printed).startsWith("check: the configuration is invalid")
                .contains(file + ":" + lineOf(file, "years: -3") + " at /journal/years: ").doesNotContain("\tat ");
    }

    private String shipped() throws IOException {
        return Files.readString(Path.of("config", RetentionLoader.FILE), StandardCharsets.UTF_8);
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve(RetentionLoader.FILE);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError("'" + text + "' not in " + file);
    }

    private List<String> problems() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> RetentionLoader.load(dir));
        assertThat(e).as("loading fails").isNotNull();
        assertThat(e.getMessage()).startsWith("invalid retention configuration, ");
        return e.getMessage().lines().skip(1).toList();
    }
}

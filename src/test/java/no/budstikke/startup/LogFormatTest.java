package no.budstikke.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import no.budstikke.config.GivenSettings;
import no.budstikke.config.HubSettings;
import no.budstikke.config.KnownSettings;
import no.budstikke.dispatch.config.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log format switch is checked at start: a value logback would not know, or a place logback does not read. */
class LogFormatTest {

    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final Properties system = new Properties();

    private List<String> problems(String... lines) throws IOException {
        Path file = dir.resolve("application.properties");
        Files.write(file, List.of(lines));
        GivenSettings given = GivenSettings.read(file, system, env, Map.of());
        Properties fromFile = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            fromFile.load(in);
        }
        HubSettings settings = new HubSettings(key -> Optional.ofNullable(system.getProperty(key))
                .or(() -> Optional.ofNullable(env.get(KnownSettings.environmentForm(key))))
                .or(() -> Optional.ofNullable(fromFile.getProperty(key))));
        Problems problems = new Problems();
        LogFormat.check(settings, given, problems);
        return problems.lines();
    }

    @Test
    void textAndJsonAreTakenFromTheEnvironmentOrASystemProperty() throws IOException {
        assertThat(problems()).as("unset: text").isEmpty();
        env.put("BUDSTIKKE_LOG_FORMAT", "json");
        assertThat(problems()).isEmpty();
        env.clear();
        system.setProperty("budstikke.log.format", "text");
        assertThat(problems()).isEmpty();
    }

    @Test
    void aMistypedFormatStopsTheStartNamingWhereItWasGiven() throws IOException {
        env.put("BUDSTIKKE_LOG_FORMAT", "jsn");
        assertThat(problems()).singleElement().asString()
                .startsWith("environment at BUDSTIKKE_LOG_FORMAT").contains("'jsn'", "'text' or 'json'");
    }

    @Test
    void theSwitchInApplicationPropertiesIsRefusedSinceLoggingStartsBeforeItIsRead() throws IOException {
        assertThat(problems("budstikke.log.format = json")).singleElement().asString()
                .startsWith(dir.resolve("application.properties") + ":1 at budstikke.log.format").contains("no effect", "BUDSTIKKE_LOG_FORMAT");
    }
}

package no.budstikke.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.DeadlineClock;
import no.budstikke.model.Directory;
import no.budstikke.model.NorwegianCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deadlines look offices up in the directory now loaded, so a config reload reaches them too. */
class DeadlineRulesDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aRegionDeadlineEscalatesToTheOfficesOfTheDirectoryNowLoaded() throws Exception {
        for (String f : new String[] {"directory.yaml", "routing-rules.yaml", "disclosure-policies.yaml"}) {
            Path target = dir.resolve(f);
            Files.copy(Path.of("config", f), target);
        }
        Directory shipped = HubConfigLoader.load(Path.of("config")).directory();
        Path directory = dir.resolve("directory.yaml");
        Files.writeString(directory, Files.readString(directory).replace("udi-region-indre-ostland", "udi-indre-ostland-ny"));
        Directory reloaded = HubConfigLoader.load(dir).directory();
        AtomicReference<Directory> live = new AtomicReference<>(shipped);
        DeadlineRules rules = new DeadlineRules(new DeadlineClock(new NorwegianCalendar()), live::get);

        assertThat(rules.regionOffices("Indre Østland")).containsExactly("udi-region-indre-ostland");
        live.set(reloaded);
        assertThat(rules.regionOffices("Indre Østland")).containsExactly("udi-indre-ostland-ny");
    }
}

package no.budstikke.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import no.budstikke.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigHashTest {

    @TempDir
    Path dir;

    @Test
    void theSameFilesGiveTheSameVersionWhateverTheFolderAndTheOrderTheyWereWritten() throws Exception {
        Path a = folder("a", "rules-1", "x-template", "y-template");
        Path b = dir.resolve("b");
        Files.createDirectories(b.resolve("templates"));
        Files.writeString(b.resolve("templates/y.txt"), "y-template");
        Files.writeString(b.resolve("templates/x.txt"), "x-template");
        Files.writeString(b.resolve("disclosure-policies.yaml"), "policies");
        Files.writeString(b.resolve("routing-rules.yaml"), "rules-1");
        Files.writeString(b.resolve("directory.yaml"), "directory");

        assertThat(ConfigHash.of(a)).matches("[0-9a-f]{64}").isEqualTo(ConfigHash.of(b));
    }

    @Test
    void aChangedRuleOrTemplateIsANewVersionAndTheRestartOnlyFilesAreNotPartOfIt() throws Exception {
        String shipped = ConfigHash.of(folder("a", "rules-1", "x-template", "y-template"));

        assertThat(ConfigHash.of(folder("b", "rules-2", "x-template", "y-template"))).isNotEqualTo(shipped);
        assertThat(ConfigHash.of(folder("c", "rules-1", "x-template", "y-template!"))).isNotEqualTo(shipped);
        Path d = folder("d", "rules-1", "x-template", "y-template");
        Files.writeString(d.resolve("application.properties"), "budstikke.http.port = 9090");
        Files.writeString(d.resolve("api-keys.json"), "[]");
        Files.writeString(d.resolve("deadlines.yaml"), "deadlines: []");
        assertThat(ConfigHash.of(d)).isEqualTo(shipped);
    }

    @Test
    void contentMovedFromOneFileToTheNextIsANewVersion() throws Exception {
        String one = ConfigHash.of(folder("a", "rules", "xy", ""));
        String other = ConfigHash.of(folder("b", "rules", "x", "y"));
        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void aStartRefusesAFolderThatChangedWhileItWasLoaded() throws Exception {
        Path a = folder("a", "rules-1", "x-template", "y-template");
        String before = ConfigHash.beforeLoad(() -> a);
        assertThat(ConfigHash.afterLoad(a, before)).isEqualTo(before);

        Files.writeString(a.resolve("routing-rules.yaml"), "rules-2");
        assertThatThrownBy(() -> ConfigHash.afterLoad(a, before)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("changed while the hub read it");
    }

    private Path folder(String name, String rules, String x, String y) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.resolve("templates"));
        Files.writeString(f.resolve("directory.yaml"), "directory");
        Files.writeString(f.resolve("routing-rules.yaml"), rules);
        Files.writeString(f.resolve("disclosure-policies.yaml"), "policies");
        Files.writeString(f.resolve("templates/x.txt"), x);
        Files.writeString(f.resolve("templates/y.txt"), y);
        return f;
    }
}

package no.budstikke.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets from files, read through the properties the hub starts with. */
class SecretFilesTest {

    private static final String PASSWORD = "s3cret-Æ-passord";

    @TempDir
    Path dir;

    private Map<String, String> read(String... lines) throws IOException {
        Path file = dir.resolve("application.properties");
        Files.write(file, List.of(lines));
        return SecretFiles.read(CamelSettings.settings(CamelSettings.standalone(file)));
    }

    @Test
    void aPasswordFileGivesThePasswordWithoutItsFinalLineBreak() throws IOException {
        Path db = Files.writeString(dir.resolve("db-password"), PASSWORD + "\n");
        Path mail = Files.writeString(dir.resolve("mail-password"), " " + PASSWORD + "\r\n");

        Map<String, String> secrets = read("budstikke.db.password =", "budstikke.db.password-file = " + db,
                "budstikke.mail.password-file = " + mail);

        assertThat(secrets).containsExactly(Map.entry("budstikke.db.password", PASSWORD),
                Map.entry("budstikke.mail.password", " " + PASSWORD));
    }

    @Test
    void withoutFilesThereIsNothingToRead() throws IOException {
        assertThat(read("budstikke.db.password = from-the-environment")).isEmpty();
    }

    @Test
    void aMissingEmptyOrDoubleGivenSecretNamesItsSettingButNeverTheSecret() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path db = Files.writeString(dir.resolve("db-password"), PASSWORD);
        Path large = Files.writeString(dir.resolve("large"), "x".repeat((int) SecretFiles.MAX_BYTES + 1));

        assertThatThrownBy(() -> read("budstikke.db.password-file = " + dir.resolve("nowhere"),
                "budstikke.duf.db.password-file = " + empty, "budstikke.mail.password-file = " + large))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("setting 'budstikke.db.password-file': " + dir.resolve("nowhere") + " is no file; expected")
                .hasMessageContaining("setting 'budstikke.duf.db.password-file': " + empty + " is empty")
                .hasMessageContaining("setting 'budstikke.mail.password-file': " + large + " is larger than a secret");
        assertThatThrownBy(() -> read("budstikke.db.password = " + PASSWORD, "budstikke.db.password-file = " + db))
                .hasMessage("setting 'budstikke.db.password-file': budstikke.db.password is given too; expected one of them")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }
}

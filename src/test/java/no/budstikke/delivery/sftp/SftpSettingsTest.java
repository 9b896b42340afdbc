package no.budstikke.delivery.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import org.junit.jupiter.api.Test;

/** The SFTP login and connection settings: the shipped defaults, and a mistyped value stops the start naming its key. */
class SftpSettingsTest {

    private static SftpSettings read(Map<String, String> given) {
        return SftpSettings.from(new HubSettings(key -> Optional.ofNullable(given.get(key))));
    }

    @Test
    void byDefaultKeysUnderTheConfigFolderAndHostKeysChecked() {
        SftpSettings s = read(Map.of("budstikke.config.dir", "/etc/budstikke"));

        assertThat(s.username()).isEqualTo("budstikke");
        assertThat(s.privateKeyFile()).isEqualTo(Path.of("/etc/budstikke/sftp/id_budstikke"));
        assertThat(s.knownHostsFile()).isEqualTo(Path.of("/etc/budstikke/sftp/known_hosts"));
        assertThat(s.strictHostKeyChecking()).isTrue();
        assertThat(s.connectTimeoutMs()).isEqualTo(10_000);
        assertThat(s.serverAliveIntervalMs()).isEqualTo(15_000);
    }

    @Test
    void givenValuesAreRead() {
        SftpSettings s = read(Map.of("budstikke.sftp.username", "hub", "budstikke.sftp.private-key-file", "/run/secrets/key",
                "budstikke.sftp.known-hosts-file", "/run/known", "budstikke.sftp.strict-host-key-checking", "no",
                "budstikke.sftp.connect-timeout-ms", "2000", "budstikke.sftp.server-alive-interval-ms", "3000"));

        assertThat(s).isEqualTo(new SftpSettings("hub", Path.of("/run/secrets/key"), Path.of("/run/known"), false, 2000, 3000));
    }

    @Test
    void hostKeyCheckingOtherThanYesOrNoIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("budstikke.sftp.strict-host-key-checking", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("budstikke.sftp.strict-host-key-checking")
                .hasMessageContaining("must be yes or no");
    }

    @Test
    void aTimeoutNotAboveZeroOrNotANumberIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("budstikke.sftp.connect-timeout-ms", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("budstikke.sftp.connect-timeout-ms")
                .hasMessageContaining("above 0");
        assertThatThrownBy(() -> read(Map.of("budstikke.sftp.server-alive-interval-ms", "15s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("budstikke.sftp.server-alive-interval-ms")
                .hasMessageContaining("whole number");
    }
}

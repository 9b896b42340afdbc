package no.budstikke.delivery.sftp;

import java.nio.file.Path;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubFolders;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * The hub's SFTP login and connections ({@code budstikke.sftp.*}), read once at start so a mistyped
 * value stops the start. The SFTP route reads the same settings through its placeholders; the key's
 * passphrase is not held here, the route takes it straight from the settings.
 *
 * @param username              login user when an office's sftp:// address names none
 * @param strictHostKeyChecking false only for local test servers; the production profile refuses it
 */
public record SftpSettings(String username, Path privateKeyFile, Path knownHostsFile, boolean strictHostKeyChecking,
        int connectTimeoutMs, int serverAliveIntervalMs) {

    public static final Setting<String> USERNAME = Setting.text("budstikke.sftp.username", "budstikke");
    /** Default: sftp/id_budstikke in the config folder. */
    public static final Setting<String> PRIVATE_KEY_FILE = Setting.text("budstikke.sftp.private-key-file");
    /** Default: sftp/known_hosts in the config folder. */
    public static final Setting<String> KNOWN_HOSTS_FILE = Setting.text("budstikke.sftp.known-hosts-file");
    /** {@code yes} or {@code no}, as the SSH client reads it. */
    public static final Setting<String> STRICT_HOST_KEY_CHECKING = Setting.text("budstikke.sftp.strict-host-key-checking", "yes");
    public static final Setting<Integer> CONNECT_TIMEOUT_MS = Setting.wholeNumber("budstikke.sftp.connect-timeout-ms", 10_000);
    public static final Setting<Integer> SERVER_ALIVE_INTERVAL_MS = Setting.wholeNumber("budstikke.sftp.server-alive-interval-ms", 15_000);

    public static SftpSettings from(HubSettings settings) {
        Path configDir = Path.of(HubFolders.CONFIG_DIR.in(settings));
        return new SftpSettings(USERNAME.in(settings),
                PRIVATE_KEY_FILE.given(settings).map(Path::of).orElse(configDir.resolve("sftp/id_budstikke")),
                KNOWN_HOSTS_FILE.given(settings).map(Path::of).orElse(configDir.resolve("sftp/known_hosts")),
                strictHostKeyChecking(settings), positive(CONNECT_TIMEOUT_MS, settings), positive(SERVER_ALIVE_INTERVAL_MS, settings));
    }

    private static boolean strictHostKeyChecking(HubSettings settings) {
        String value = STRICT_HOST_KEY_CHECKING.in(settings);
        if (value.equals("yes")) return true;
        if (value.equals("no")) return false;
        throw new ConfigException("setting '" + STRICT_HOST_KEY_CHECKING.key() + "' must be yes or no, got '" + value + "'");
    }

    private static int positive(Setting<Integer> setting, HubSettings settings) {
        int value = setting.in(settings);
        if (value < 1) {
            throw new ConfigException("setting '" + setting.key() + "' must be a whole number of milliseconds above 0, got '" + value + "'");
        }
        return value;
    }
}

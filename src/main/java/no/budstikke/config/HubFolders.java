package no.budstikke.config;

import java.nio.file.Path;

/**
 * Where the hub reads and writes files: its config folder and data folder, and the places under
 * them that other settings name.
 *
 * @param configDir   the config folder (directory, routing rules, templates, deadlines)
 * @param dataDir     the embedded database and the folders below, unless set elsewhere
 * @param apiKeysFile api-keys.json
 * @param inbox       the file drop
 * @param sandboxDir  the delivery sandbox, one folder per office
 */
public record HubFolders(Path configDir, Path dataDir, Path apiKeysFile, Path inbox, Path sandboxDir) {

    public static final Setting<String> CONFIG_DIR = Setting.text("budstikke.config.dir", "config");
    public static final Setting<String> DATA_DIR = Setting.text("budstikke.data.dir", "var");
    /** Default: api-keys.json in the config folder. */
    public static final Setting<String> API_KEYS_FILE = Setting.text("budstikke.api-keys.file");
    /** Default: inbox under the data folder. */
    public static final Setting<String> INBOX = Setting.text("budstikke.intake.file.dir");
    /** Default: sandbox under the data folder. */
    public static final Setting<String> SANDBOX_DIR = Setting.text("budstikke.delivery.sandbox.dir");

    /**
     * The config folder this process was pointed at, read before any setting is: the system property
     * budstikke.config.dir, else the environment variable BUDSTIKKE_CONFIG_DIR, else {@code config}.
     */
    public static String configDirGiven() {
        String fromProperty = System.getProperty(CONFIG_DIR.key());
        if (fromProperty != null && !fromProperty.isBlank()) return fromProperty;
        String fromEnv = System.getenv("BUDSTIKKE_CONFIG_DIR");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "config";
    }

    public static HubFolders from(HubSettings settings) {
        Path configDir = Path.of(CONFIG_DIR.in(settings));
        Path dataDir = Path.of(DATA_DIR.in(settings));
        return new HubFolders(configDir, dataDir, API_KEYS_FILE.given(settings).map(Path::of).orElse(configDir.resolve("api-keys.json")),
                INBOX.given(settings).map(Path::of).orElse(dataDir.resolve("inbox")),
                SANDBOX_DIR.given(settings).map(Path::of).orElse(dataDir.resolve("sandbox")));
    }
}

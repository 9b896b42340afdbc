package no.budstikke.config;

import java.nio.file.Path;
import java.util.Optional;
import no.budstikke.store.Database;

/**
 * The hub's own database ({@code budstikke.db.*}). It lives beside the settings rather than in
 * {@code store}, so that storage knows nothing of how the hub is configured.
 *
 * @param url      blank: an embedded H2 file under {@code dataDir}
 * @param dataDir  where the embedded database lives
 * @param poolSize connections in the pool
 */
public record DatabaseSettings(String url, Optional<String> user, Optional<String> password, Path dataDir, int poolSize) {

    public static final Setting<String> URL = Setting.text("budstikke.db.url", "");
    public static final Setting<String> USER = Setting.text("budstikke.db.user");
    public static final Setting<String> PASSWORD = Setting.text("budstikke.db.password");
    public static final Setting<Integer> POOL_SIZE = Setting.wholeNumber("budstikke.db.pool-size", 10);

    /** @param settings with the password resolved from its file, where it is given as one */
    public static DatabaseSettings from(HubSettings settings) {
        return new DatabaseSettings(URL.in(settings), USER.given(settings), PASSWORD.given(settings),
                Path.of(HubFolders.DATA_DIR.in(settings)), POOL_SIZE.in(settings));
    }

    /** Whether the database is the embedded H2 file under the data folder. */
    public boolean embedded() {
        return url.isBlank();
    }

    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(url, user, password, dataDir, size);
    }

    /** Opens and migrates the database. */
    public Database open() {
        return Database.open(url, user.orElse(null), password.orElse(null), dataDir, poolSize);
    }

    /** A pool on a database the hub uses but does not migrate (see {@link Database#connect}). */
    public Database connect(String poolName) {
        return Database.connect(poolName, url, user.orElse(null), password.orElse(null), dataDir, poolSize);
    }

    /** Opens the database for a tool that only reads (see {@link Database#openForReading(String, String, String, Path)}). */
    public Database openForReading() {
        return Database.openForReading(url, user.orElse(null), password.orElse(null), dataDir);
    }
}

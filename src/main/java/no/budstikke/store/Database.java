package no.budstikke.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The hub's own database: a pooled connection and the schema migrated to the newest version. */
public final class Database implements AutoCloseable {

    private static final String EMBEDDED_NAME = "budstikke";

    /**
     * H2 speaks PostgreSQL's dialect so that one set of migrations and queries serves both.
     * WRITE_DELAY=0: otherwise H2 writes a commit to its file up to half a second later, and an
     * acknowledged event is lost if the process dies in between.
     */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the database at {@code url} (blank: an H2 file under {@code dataDir}) and migrates it. */
    public static Database open(String url, String user, String password, Path dataDir, int poolSize) {
        Database db = connect("budstikke", url, user, password, dataDir, poolSize);
        try {
            Flyway.configure().dataSource(db.dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * A pool named {@code poolName} on the database at {@code url} (blank: the H2 file under
     * {@code dataDir}), not migrated: for a database the hub uses but does not own, such as the DUF queue's.
     */
    public static Database connect(String poolName, String url, String user, String password, Path dataDir, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url == null || url.isBlank() ? embeddedUrl(dataDir) : url);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName(poolName);
        // Start even while the database is away; readiness reports it and requests get 503.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(5_000);
        config.setAutoCommit(true);
        return new Database(new HikariDataSource(config));
    }

    /** The embedded H2 database's file under {@code dataDir}, there once the hub has run. */
    public static Path embeddedFile(Path dataDir) {
        return dataDir.resolve(EMBEDDED_NAME + ".mv.db");
    }

    /**
     * Opens the database at {@code url} (blank: the H2 file under {@code dataDir}) for a tool that only
     * reads it: one read-only connection, no migration (a tool must never change the hub's schema), and
     * a failure to connect is thrown at once rather than waited out.
     */
    public static Database openForReading(String url, String user, String password, Path dataDir) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url == null || url.isBlank() ? embeddedUrl(dataDir) : url);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(1);
        config.setPoolName("budstikke-reader");
        config.setReadOnly(true);
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        return new Database(new HikariDataSource(config));
    }

    /**
     * The embedded database in the data folder. DB_CLOSE_ON_EXIT=FALSE: the hub closes it after its
     * routes have stopped; H2's own exit hook would close it under jobs that are still finishing.
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(EMBEDDED_NAME) + H2_OPTIONS + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

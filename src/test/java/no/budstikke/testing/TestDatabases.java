package no.budstikke.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import no.budstikke.store.Database;

/**
 * The two databases the hub runs on. PostgreSQL is a real server, started once per test JVM;
 * each caller gets a database of its own on it.
 */
public final class TestDatabases {

    public enum Kind { H2, POSTGRES }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A JDBC URL of an empty database of the given kind; for H2 a file under {@code dir}. */
    public static String freshUrl(Kind kind, Path dir) {
        return switch (kind) {
            case H2 -> Database.embeddedUrl(dir);
            case POSTGRES -> freshPostgresDatabase();
        };
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return postgres;
    }

    private static String freshPostgresDatabase() {
        String name = "hub_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database", e);
        }
        return postgres().getJdbcUrl("postgres", name);
    }
}

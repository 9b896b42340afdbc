package no.budstikke.store;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Opens units of work: commit on success, roll back on any failure. */
public final class Transactions {

    @FunctionalInterface
    public interface Work<T> {
        T run(Transaction tx);
    }

    private final Jdbi jdbi;

    public Transactions(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** Runs {@code work} in one transaction. */
    public <T> T inTransaction(Work<T> work) {
        try {
            return jdbi.inTransaction(h -> work.run(new Transaction(h)));
        } catch (JdbiException e) {
            throw StorageException.from(e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode: each statement on its own. */
    public <T> T read(Work<T> work) {
        try {
            return jdbi.withHandle(h -> work.run(new Transaction(h)));
        } catch (JdbiException e) {
            throw StorageException.from(e);
        }
    }
}

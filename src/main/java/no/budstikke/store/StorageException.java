package no.budstikke.store;

import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/**
 * The database failed. Only the SQL state is kept: drivers put column values into their
 * messages, and those values may be personal data.
 */
public final class StorageException extends RuntimeException {

    private StorageException(String message) {
        super(message, null, false, false);
    }

    /** A failure inside a repository: the driver's SQL state when there is one, never Jdbi's message (it holds the bound values). */
    static StorageException from(JdbiException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s) return from(s);
        }
        return new StorageException("database operation failed (" + e.getClass().getSimpleName() + ")");
    }

    static StorageException from(SQLException e) {
        return new StorageException("database operation failed (SQLState " + e.getSQLState() + ", " + e.getClass().getSimpleName() + ")");
    }
}

package no.budstikke.store;

import java.sql.SQLException;

/**
 * The database failed. Only the SQL state is kept: drivers put column values into their
 * messages, and those values may be personal data.
 */
public final class StorageException extends RuntimeException {

    private StorageException(String message) {
        super(message, null, false, false);
    }

    static StorageException from(SQLException e) {
        return new StorageException("database operation failed (SQLState " + e.getSQLState() + ", " + e.getClass().getSimpleName() + ")");
    }
}

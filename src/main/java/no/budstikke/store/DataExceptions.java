package no.budstikke.store;

import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/**
 * Telling "the database refuses this value" from "the database is away". Only the second is
 * worth a retry; the first is bad input, and retrying it would loop forever.
 */
final class DataExceptions {

    /** The origin columns (a credential name, a file name, a DUF queue row) are VARCHAR(200). */
    static final int ORIGIN_MAX = 200;

    private DataExceptions() {
    }

    /** SQLState class 22, "data exception": a value too long, out of range, or a character the column cannot hold. */
    static boolean isDataException(JdbiException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s) return isDataException(s);
        }
        return false;
    }

    private static boolean isDataException(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && x.getSQLState().startsWith("22")) return true;
        }
        return false;
    }

    /** A file name may be longer than the column; the start is enough to find the file in done/ or rejected/. */
    static String origin(String origin) {
        return origin.length() > ORIGIN_MAX ? origin.substring(0, ORIGIN_MAX) : origin;
    }
}

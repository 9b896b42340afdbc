package no.budstikke.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/** The inbound_event table: stores each (source, id) once, whatever the concurrency. */
public final class EventStore {

    /** {@code UNSTORABLE}: the database refused a value of the event itself (SQLState class 22). */
    public enum Insert { STORED, DUPLICATE, CONFLICTING_DUPLICATE, UNSTORABLE }

    private static final String BEFORE_INSERT = "before_event_insert";

    private final Transactions transactions;
    private final Clock clock;

    public EventStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Inserts within the caller's transaction. A repeat is reported, never stored twice. An event
     * the database refuses for what it holds (a value too long for its column, and the like) is
     * reported as {@link Insert#UNSTORABLE} and leaves the transaction usable for the rest of
     * the input: it is bad input, not a database outage to retry.
     */
    public Insert insert(Transaction tx, NewEvent e) {
        Handle handle = tx.handle();
        handle.savepoint(BEFORE_INSERT);
        Insert result;
        try {
            result = insertOrFind(tx.attach(EventSql.class), e);
        } catch (JdbiException ex) {
            if (!DataExceptions.isDataException(ex)) throw ex;
            // PostgreSQL refuses every further statement of a transaction after an error until it
            // is rolled back to a point before the error.
            handle.rollbackToSavepoint(BEFORE_INSERT);
            return Insert.UNSTORABLE;
        }
        handle.releaseSavepoint(BEFORE_INSERT);
        return result;
    }

    private Insert insertOrFind(EventSql sql, NewEvent e) {
        if (sql.insert(e, DataExceptions.origin(e.origin()), EventState.RECEIVED, OffsetDateTime.now(clock)) == 1) {
            return Insert.STORED;
        }
        boolean sameContent = sql.payloadSha256(e.source(), e.id()).map(e.payloadSha256()::equals).orElse(false);
        return sameContent ? Insert.DUPLICATE : Insert.CONFLICTING_DUPLICATE;
    }

    public Optional<EventStatus> status(String key) {
        return transactions.read(tx -> tx.attach(EventSql.class).status(key));
    }

    public long count() {
        return transactions.read(tx -> tx.attach(EventSql.class).count());
    }
}

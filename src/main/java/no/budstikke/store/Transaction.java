package no.budstikke.store;

import org.jdbi.v3.core.Handle;

/**
 * One open database transaction, the unit of work: the caller opens it through {@link Transactions}
 * and hands it to the repositories that should take part. Domain code holds it without seeing
 * what is inside; only {@code store} reaches the handle.
 */
public final class Transaction {

    private final Handle handle;

    Transaction(Handle handle) {
        this.handle = handle;
    }

    /** A repository of named SQL operations, bound to this transaction. */
    <T> T attach(Class<T> repository) {
        return handle.attach(repository);
    }

    Handle handle() {
        return handle;
    }
}

package no.budstikke.store;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Asks the database a question it must answer. A query, not {@code Connection.isValid}: an embedded
 * H2 whose database had closed itself (out of direct memory) still handed out "valid" sessions.
 * Outside any unit of work: a probe takes part in no transaction.
 */
public final class DatabaseProbe {

    private final Jdbi jdbi;
    private final int timeoutSeconds;

    /** {@code timeoutSeconds}: short, a probe that hangs holds whoever waits for its answer. */
    public DatabaseProbe(DataSource dataSource, int timeoutSeconds) {
        this.jdbi = Jdbi.create(dataSource);
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Empty when the database answered; otherwise why not, without the driver's message (it may quote values). */
    public Optional<String> problem() {
        try {
            Optional<Integer> one = jdbi.withHandle(h -> h.createQuery("SELECT 1").setQueryTimeout(timeoutSeconds)
                    .mapTo(Integer.class).findOne());
            return one.filter(v -> v == 1).isPresent() ? Optional.empty() : Optional.of("answered SELECT 1 wrongly");
        } catch (RuntimeException e) {
            return Optional.of("unreachable (" + cause(e).getClass().getSimpleName() + ")");
        }
    }

    /** The driver's or the pool's exception, as the check named it before Jdbi wrapped it. */
    private static Throwable cause(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) return t;
        }
        return e;
    }
}

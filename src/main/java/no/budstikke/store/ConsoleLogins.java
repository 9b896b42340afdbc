package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Console logins begun at an OpenID Connect issuer, keyed by the SHA-256 of their state. A login is
 * taken once: its callback reads and deletes it in one transaction, so a replayed callback finds
 * nothing, on whichever instance it lands.
 */
public final class ConsoleLogins {

    private final Transactions transactions;

    public ConsoleLogins(Transactions transactions) {
        this.transactions = transactions;
    }

    /** What the callback of a begun login needs; secrets of that one login, never shown. */
    public record Begun(String nonce, String codeVerifier, OffsetDateTime startedAt) {
        @Override
        public String toString() {
            return "Begun[" + startedAt + "]";
        }
    }

    /** Keeps a new login and drops those begun before {@code staleBefore}. */
    public void begin(String stateSha256, Begun login, OffsetDateTime staleBefore) {
        transactions.inTransaction(tx -> {
            ConsoleLoginSql sql = tx.attach(ConsoleLoginSql.class);
            sql.purge(staleBefore);
            return sql.insert(stateSha256, login.nonce(), login.codeVerifier(), login.startedAt());
        });
    }

    /** The login begun with this state, deleted as it is read; empty if unknown or already taken. */
    public Optional<Begun> take(String stateSha256) {
        return transactions.inTransaction(tx -> {
            ConsoleLoginSql sql = tx.attach(ConsoleLoginSql.class);
            Optional<Begun> found = sql.lock(stateSha256);
            found.ifPresent(b -> sql.delete(stateSha256));
            return found;
        });
    }
}

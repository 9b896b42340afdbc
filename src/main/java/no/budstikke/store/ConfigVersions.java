package no.budstikke.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The config_version table: the config versions a start or a reload accepted, newest last. The
 * newest is the version every instance on the database should run.
 */
public final class ConfigVersions {

    private final Transactions transactions;
    private final Clock clock;

    public ConfigVersions(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One accepted version. */
    public record Accepted(String hash, String acceptedBy, OffsetDateTime acceptedAt) {
    }

    public Optional<Accepted> newest() {
        return transactions.read(tx -> tx.attach(ConfigVersionSql.class).newest());
    }

    /** Records {@code hash} as the newest version, unless it already is. */
    public void accept(String hash, String acceptedBy) {
        if (newest().map(Accepted::hash).filter(hash::equals).isPresent()) return;
        transactions.inTransaction(tx -> tx.attach(ConfigVersionSql.class).insert(hash, acceptedBy, OffsetDateTime.now(clock)));
    }
}

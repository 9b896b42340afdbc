package no.budstikke.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(
                    "SELECT hash, accepted_by, accepted_at FROM config_version ORDER BY id DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Accepted(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)));
            }
        });
    }

    /** Records {@code hash} as the newest version, unless it already is. */
    public void accept(String hash, String acceptedBy) {
        if (newest().map(Accepted::hash).filter(hash::equals).isPresent()) return;
        transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(
                    "INSERT INTO config_version (hash, accepted_by, accepted_at) VALUES (?, ?, ?)")) {
                ps.setString(1, hash);
                ps.setString(2, acceptedBy);
                ps.setObject(3, OffsetDateTime.now(clock));
                ps.executeUpdate();
            }
            return null;
        });
    }
}

package no.budstikke.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import no.budstikke.contract.Violation;

/** The quarantine table: rejected inputs with their reasons and raw bytes, capped in size. */
public final class QuarantineStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() { };

    private final Transactions transactions;
    private final Clock clock;
    private final int rawCap;

    public QuarantineStore(Transactions transactions, Clock clock, int rawCap) {
        this.transactions = transactions;
        this.clock = clock;
        this.rawCap = rawCap;
    }

    /** Quarantines within the caller's transaction and returns the entry's id. */
    public long insert(Transaction c, String channel, String origin, String reason, List<Violation> violations, byte[] raw)
            throws SQLException {
        return insert(c, channel, origin, reason, violations, raw, raw.length);
    }

    /**
     * As above, for an input of {@code size} bytes of which only {@code raw} was read: one too
     * large to read whole is kept as its first bytes, like any input over the cap.
     */
    public long insert(Transaction c, String channel, String origin, String reason, List<Violation> violations, byte[] raw, long size)
            throws SQLException {
        boolean truncated = size > rawCap || raw.length < size;
        try (PreparedStatement ps = c.connection().prepareStatement("""
                INSERT INTO quarantine (received_at, channel, origin, reason, violations, raw_size, raw_bytes, truncated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"})) {
            ps.setObject(1, OffsetDateTime.now(clock));
            ps.setString(2, channel);
            ps.setString(3, DataExceptions.origin(origin));
            ps.setString(4, reason);
            ps.setString(5, toJson(violations));
            ps.setLong(6, size);
            ps.setBytes(7, raw.length > rawCap ? Arrays.copyOf(raw, rawCap) : raw);
            ps.setBoolean(8, truncated);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Quarantines in a transaction of its own. */
    public long insert(String channel, String origin, String reason, List<Violation> violations, byte[] raw) {
        return insert(channel, origin, reason, violations, raw, raw.length);
    }

    public long insert(String channel, String origin, String reason, List<Violation> violations, byte[] raw, long size) {
        return transactions.inTransaction(c -> insert(c, channel, origin, reason, violations, raw, size));
    }

    /** Newest first; entries with an id below {@code beforeId} when it is given. Raw bytes are left out. */
    public List<QuarantineEntry> list(int limit, Long beforeId) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    SELECT id, received_at, channel, origin, reason, violations, raw_size, truncated
                    FROM quarantine WHERE id < ? ORDER BY id DESC LIMIT ?""")) {
                ps.setLong(1, beforeId == null ? Long.MAX_VALUE : beforeId);
                ps.setInt(2, limit);
                List<QuarantineEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new QuarantineEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                                rs.getString(3), rs.getString(4), rs.getString(5), fromJson(rs.getString(6)),
                                rs.getLong(7), null, rs.getBoolean(8)));
                    }
                }
                return entries;
            }
        });
    }

    public Optional<QuarantineEntry> get(long id) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    SELECT id, received_at, channel, origin, reason, violations, raw_size, raw_bytes, truncated
                    FROM quarantine WHERE id = ?""")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new QuarantineEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                            rs.getString(3), rs.getString(4), rs.getString(5), fromJson(rs.getString(6)),
                            rs.getLong(7), rs.getBytes(8), rs.getBoolean(9)));
                }
            }
        });
    }

    private static String toJson(List<Violation> violations) {
        try {
            return JSON.writeValueAsString(violations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("violations are plain records", e);
        }
    }

    private static List<Violation> fromJson(String json) {
        try {
            return JSON.readValue(json, VIOLATIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("quarantine.violations holds JSON written by this class", e);
        }
    }
}

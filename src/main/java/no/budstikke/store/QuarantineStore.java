package no.budstikke.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
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
    public long insert(Transaction tx, String channel, String origin, String reason, List<Violation> violations, byte[] raw) {
        return insert(tx, channel, origin, reason, violations, raw, raw.length);
    }

    /**
     * As above, for an input of {@code size} bytes of which only {@code raw} was read: one too
     * large to read whole is kept as its first bytes, like any input over the cap.
     */
    public long insert(Transaction tx, String channel, String origin, String reason, List<Violation> violations, byte[] raw, long size) {
        boolean truncated = size > rawCap || raw.length < size;
        return tx.attach(QuarantineSql.class).insert(new QuarantineSql.Row(null, OffsetDateTime.now(clock), channel,
                DataExceptions.origin(origin), reason, toJson(violations), size,
                raw.length > rawCap ? Arrays.copyOf(raw, rawCap) : raw, truncated));
    }

    /** Quarantines in a transaction of its own. */
    public long insert(String channel, String origin, String reason, List<Violation> violations, byte[] raw) {
        return insert(channel, origin, reason, violations, raw, raw.length);
    }

    public long insert(String channel, String origin, String reason, List<Violation> violations, byte[] raw, long size) {
        return transactions.inTransaction(tx -> insert(tx, channel, origin, reason, violations, raw, size));
    }

    /** Newest first; entries with an id below {@code beforeId} when it is given. Raw bytes are left out. */
    public List<QuarantineEntry> list(int limit, Long beforeId) {
        long before = beforeId == null ? Long.MAX_VALUE : beforeId;
        return transactions.read(tx -> tx.attach(QuarantineSql.class).listWithoutRaw(before, limit)).stream()
                .map(QuarantineStore::entry).toList();
    }

    public Optional<QuarantineEntry> get(long id) {
        return transactions.read(tx -> tx.attach(QuarantineSql.class).get(id)).map(QuarantineStore::entry);
    }

    private static QuarantineEntry entry(QuarantineSql.Row r) {
        return new QuarantineEntry(r.id(), r.receivedAt(), r.channel(), r.origin(), r.reason(), fromJson(r.violations()), r.rawSize(),
                r.rawBytes(), r.truncated());
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

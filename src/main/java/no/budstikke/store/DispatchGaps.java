package no.budstikke.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import no.budstikke.model.Unresolved;

/**
 * The dispatch_gap table: duties whose recipient could not be resolved, open until ops resolve
 * them. Rows name duties, roles, municipality numbers and office ids, never people.
 */
public final class DispatchGaps {

    private final Transactions transactions;
    private final Clock clock;

    public DispatchGaps(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One gap as stored; {@code resolvedAt == null} while it is open. */
    public record Gap(long id, String eventKey, String duty, String role, String reason, String priority, String municipality,
                      String fallbackOfficeId, OffsetDateTime createdAt, String resolvedNoticeId, String resolvedBy,
                      OffsetDateTime resolvedAt) {
        public boolean open() {
            return resolvedAt == null;
        }
    }

    public void insert(Transaction tx, String eventKey, Unresolved u) {
        tx.attach(DispatchGapSql.class).insert(eventKey, u.duty(), u.role(), u.reason(), OffsetDateTime.now(clock), u.priority(),
                u.municipality(), u.fallback());
    }

    public int count(String eventKey) {
        return transactions.read(tx -> tx.attach(DispatchGapSql.class).count(eventKey));
    }

    /** Open gaps oldest first, or every gap newest first when {@code all}. */
    public List<Gap> list(boolean all, int limit) {
        return transactions.read(tx -> all ? tx.attach(DispatchGapSql.class).newest(limit) : tx.attach(DispatchGapSql.class).open(limit));
    }

    /** The gaps of one event, oldest first: for the journal. */
    public List<Gap> forEvent(Transaction tx, String eventKey) {
        return tx.attach(DispatchGapSql.class).forEvent(eventKey);
    }

    /** The gap, locked for the caller's transaction so two replays cannot both resolve it. */
    public Optional<Gap> lock(Transaction tx, long id) {
        return tx.attach(DispatchGapSql.class).lock(id);
    }

    public void resolve(Transaction tx, long id, String noticeId, String actor) {
        tx.attach(DispatchGapSql.class).resolve(id, noticeId, actor, OffsetDateTime.now(clock));
    }
}

package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notice table as an outbox (see {@code delivery.Outbox}): claims, the outcome of each attempt
 * and the ops actions, each in a transaction of its own. An attempt counts only while it still holds
 * its notice (SENDING, same attempt number): a late answer from an attempt whose lease ran out must
 * not overwrite the newer attempt's state.
 */
public final class OutboxStore {

    private static final List<NoticeStatus> REPLAYABLE = List.of(NoticeStatus.DEAD, NoticeStatus.FAILED, NoticeStatus.CANCELLED);
    private static final List<NoticeStatus> CANCELLABLE = List.of(NoticeStatus.CREATED, NoticeStatus.FAILED, NoticeStatus.DEAD);
    private static final List<NoticeStatus> STUCK = List.of(NoticeStatus.DEAD, NoticeStatus.FAILED);

    /** What {@code delivery_attempt.outcome} says of an attempt. */
    private static final String DELIVERED = "DELIVERED";
    private static final String RETRY = "RETRY";
    private static final String DEAD = "DEAD";

    private final Transactions transactions;

    public OutboxStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Claims up to {@code max} due notices, most urgent first and oldest first within a priority, and
     * marks them SENDING until {@code leaseUntil}. SKIP LOCKED: several instances never claim one notice.
     * The due notices are found without locks through an index in claim order, and only those are
     * locked (see docs/claim-plans.md). It looks at twice as many as it claims, so that an instance
     * claiming at the same moment as another still gets the next ones rather than none.
     */
    public List<ClaimedNotice> claim(int max, OffsetDateTime now, OffsetDateTime leaseUntil) {
        return transactions.inTransaction(tx -> {
            OutboxSql sql = tx.attach(OutboxSql.class);
            List<String> candidates = sql.dueIds(NoticeStatus.CREATED, NoticeStatus.FAILED, NoticeStatus.SENDING, now, 2 * max);
            if (candidates.isEmpty()) return List.of();
            List<ClaimedNotice> claimed = sql.lockDue(candidates, NoticeStatus.CREATED, NoticeStatus.FAILED, NoticeStatus.SENDING, now, max);
            if (!claimed.isEmpty()) {
                sql.markSending(claimed.stream().map(ClaimedNotice::noticeId).toList(), claimed.stream().map(ClaimedNotice::attempt).toList(),
                        NoticeStatus.SENDING, leaseUntil, now);
            }
            return claimed;
        });
    }

    /**
     * Moves the lease of the notices the attempts still hold to {@code leaseUntil}, in one batch;
     * {@code held} maps each notice id to its attempt. Returns the ids the attempts no longer hold:
     * settled meanwhile, or taken over by a newer attempt after the lease ran out.
     */
    public List<String> renewLeases(Map<String, Integer> held, OffsetDateTime leaseUntil) {
        // In id order, so that two renewals lock rows in one order (a claim skips locked rows).
        List<String> ids = held.keySet().stream().sorted().toList();
        List<Integer> attempts = ids.stream().map(held::get).toList();
        int[] renewed = transactions.inTransaction(tx -> tx.attach(OutboxSql.class).renewLeases(ids, attempts, NoticeStatus.SENDING, leaseUntil));
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (renewed[i] == 0) lost.add(ids.get(i));
        }
        return lost;
    }

    /** The attempt delivered the notice; false if it no longer holds it. */
    public boolean delivered(String noticeId, int attempt, String receipt, OffsetDateTime now) {
        return settle(noticeId, attempt, DELIVERED, NoticeStatus.DELIVERED, receipt, Optional.empty(), null, receipt, now);
    }

    /**
     * The attempt failed: the notice is tried again at {@code next}, or, without one, is DEAD. False if
     * the attempt no longer holds the notice.
     */
    public boolean failed(String noticeId, int attempt, String detail, Optional<OffsetDateTime> next, OffsetDateTime now) {
        boolean retry = next.isPresent();
        return settle(noticeId, attempt, retry ? RETRY : DEAD, retry ? NoticeStatus.FAILED : NoticeStatus.DEAD, detail, next, detail, null, now);
    }

    private boolean settle(String noticeId, int attempt, String outcome, NoticeStatus status, String detail,
                           Optional<OffsetDateTime> next, String error, String receipt, OffsetDateTime now) {
        return transactions.inTransaction(tx -> {
            OutboxSql sql = tx.attach(OutboxSql.class);
            if (sql.journalAttempt(noticeId, attempt, NoticeStatus.SENDING, outcome, detail, next.orElse(null), now) != 1) return false;
            sql.finish(noticeId, attempt, NoticeStatus.SENDING, status, NoticeStatus.DELIVERED, next.orElse(null), error, receipt, now);
            return true;
        });
    }

    /** Does the ops action if the notice's status allows it, and journals who did it; false if not allowed. */
    public boolean act(NoticeAction action, String noticeId, String actor, OffsetDateTime now) {
        return transactions.inTransaction(tx -> {
            OutboxSql sql = tx.attach(OutboxSql.class);
            int changed = switch (action) {
                case REPLAY -> sql.replay(noticeId, NoticeStatus.CREATED, REPLAYABLE, now);
                case CANCEL -> sql.cancel(noticeId, NoticeStatus.CANCELLED, CANCELLABLE, now);
                case ACKNOWLEDGE -> sql.acknowledge(noticeId, TaskState.OPEN.stored(), TaskState.DELIVERED.stored(), now);
            };
            if (changed != 1) return false;
            sql.journalAction(noticeId, action, actor, now);
            return true;
        });
    }

    /** The DEAD or FAILED notices to one office, most urgent and oldest first. */
    public List<String> stuckAt(String officeId) {
        return transactions.read(tx -> tx.attach(OutboxSql.class).stuckAt(officeId, STUCK));
    }

    /**
     * Claims the probe of an office in back-off (see {@code delivery.OfficeBackoff}): its most urgent,
     * oldest waiting notice, due or not, marked SENDING until {@code leaseUntil}; empty if none.
     */
    public Optional<ClaimedNotice> claimProbe(String officeId, OffsetDateTime now, OffsetDateTime leaseUntil) {
        return transactions.inTransaction(tx -> {
            OutboxSql sql = tx.attach(OutboxSql.class);
            List<ClaimedNotice> found = sql.probe(officeId, NoticeStatus.CREATED, NoticeStatus.FAILED, NoticeStatus.SENDING, now);
            if (found.isEmpty()) return Optional.empty();
            ClaimedNotice n = found.get(0);
            sql.markSending(List.of(n.noticeId()), List.of(n.attempt()), NoticeStatus.SENDING, leaseUntil, now);
            return Optional.of(n);
        });
    }

    /**
     * Puts a claimed notice back unsent, since its office is backing off: the attempt is not counted
     * nor journalled, and the notice waits (FAILED) until {@code until} or until its office is released.
     * False if the attempt no longer holds it.
     */
    public boolean putBack(String noticeId, int attempt, OffsetDateTime until, OffsetDateTime now) {
        return transactions.inTransaction(tx -> tx.attach(OutboxSql.class)
                .putBack(noticeId, attempt, NoticeStatus.SENDING, NoticeStatus.FAILED, until, now)) == 1;
    }

    /** The office is back: every notice of it waiting for a retry is due now; returns how many. */
    public int releaseOffice(String officeId, OffsetDateTime now) {
        return transactions.inTransaction(tx -> tx.attach(OutboxSql.class).releaseOffice(officeId, NoticeStatus.FAILED, now));
    }
}

package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The notice table as an outbox (see {@code delivery.Outbox}): claims, the outcomes of attempts (many
 * in one transaction) and the ops actions, each in a transaction of its own. An attempt counts only while it still holds
 * its notice (SENDING, same attempt number): a late answer from an attempt whose lease ran out must
 * not overwrite the newer attempt's state.
 */
public final class OutboxStore {

    private static final List<NoticeStatus> REPLAYABLE = List.of(NoticeStatus.DEAD, NoticeStatus.FAILED, NoticeStatus.CANCELLED);
    private static final List<NoticeStatus> CANCELLABLE = List.of(NoticeStatus.CREATED, NoticeStatus.FAILED, NoticeStatus.DEAD);
    private static final List<NoticeStatus> STUCK = List.of(NoticeStatus.DEAD, NoticeStatus.FAILED);

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
        return claim(max, Set.of(), due -> due.stream().map(OutboxDue::noticeId).toList(), now, leaseUntil);
    }

    /**
     * Claims as {@link #claim(int, OffsetDateTime, OffsetDateTime)} does, passing over the notices of the
     * {@code busy} offices unless URGENT, and only those of the due notices (in claim order) that
     * {@code choose} picks: the caller's senders decide which they can take now. Of those, the first
     * {@code max} that no other claim holds are claimed.
     */
    public List<ClaimedNotice> claim(int max, Set<String> busy, Function<List<OutboxDue>, List<String>> choose, OffsetDateTime now,
                                     OffsetDateTime leaseUntil) {
        // Office ids are never empty, so an empty one stands for none: NOT IN () is not SQL.
        List<String> excluded = busy.isEmpty() ? List.of("") : List.copyOf(busy);
        return transactions.inTransaction(tx -> {
            OutboxSql sql = tx.attach(OutboxSql.class);
            List<OutboxDue> due = sql.dueIds(NoticeStatus.CREATED, NoticeStatus.FAILED, NoticeStatus.SENDING, now, 2 * max, excluded);
            List<String> candidates = due.isEmpty() ? List.of() : choose.apply(due);
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
        return settle(List.of(OutboxOutcome.delivered(noticeId, attempt, receipt, now)))[0];
    }

    /**
     * The attempt failed: the notice is tried again at {@code next}, or, without one, is DEAD. False if
     * the attempt no longer holds the notice.
     */
    public boolean failed(String noticeId, int attempt, String detail, Optional<OffsetDateTime> next, OffsetDateTime now) {
        return settle(List.of(OutboxOutcome.failed(noticeId, attempt, detail, next, now)))[0];
    }

    /**
     * Writes the outcomes of many attempts in one transaction: each journalled and its notice settled,
     * two batched statements in all. For each, false if its attempt no longer held the notice (a newer
     * attempt took it over): then nothing of it is written. At most one outcome per notice.
     */
    public boolean[] settle(List<OutboxOutcome> outcomes) {
        boolean[] recorded = new boolean[outcomes.size()];
        if (outcomes.isEmpty()) return recorded;
        transactions.inTransaction(tx -> {
            OutboxSql sql = tx.attach(OutboxSql.class);
            int[] journalled = sql.journalAttempts(ids(outcomes), each(outcomes, OutboxOutcome::attempt), NoticeStatus.SENDING,
                    each(outcomes, OutboxOutcome::journalled), each(outcomes, OutboxOutcome::journalledDetail),
                    each(outcomes, o -> o.next().orElse(null)), each(outcomes, OutboxOutcome::at));
            List<OutboxOutcome> held = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                recorded[i] = journalled[i] == 1;
                if (recorded[i]) held.add(outcomes.get(i));
            }
            if (!held.isEmpty()) {
                sql.finish(ids(held), each(held, OutboxOutcome::attempt), NoticeStatus.SENDING, each(held, OutboxOutcome::status),
                        NoticeStatus.DELIVERED, each(held, o -> o.next().orElse(null)), each(held, OutboxOutcome::detail),
                        each(held, OutboxOutcome::receipt), each(held, OutboxOutcome::at));
            }
            return null;
        });
        return recorded;
    }

    private static List<String> ids(List<OutboxOutcome> outcomes) {
        return each(outcomes, OutboxOutcome::noticeId);
    }

    /** One value per outcome, nulls included. */
    private static <T> List<T> each(List<OutboxOutcome> outcomes, Function<OutboxOutcome, T> value) {
        List<T> out = new ArrayList<>(outcomes.size());
        outcomes.forEach(o -> out.add(value.apply(o)));
        return out;
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

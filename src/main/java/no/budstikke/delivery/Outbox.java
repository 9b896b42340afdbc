package no.budstikke.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import no.budstikke.model.Channel;
import no.budstikke.store.ClaimedNotice;
import no.budstikke.store.NoticeAction;
import no.budstikke.store.OutboxDue;
import no.budstikke.store.OutboxOutcome;
import no.budstikke.store.OutboxStore;
import no.budstikke.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notice table as an outbox: CREATED → SENDING → DELIVERED, or FAILED (to be retried) and
 * finally DEAD. Due notices are claimed most urgent first, oldest first within a priority, with
 * SKIP LOCKED so that several instances never send one notice at the same time. A claim is a
 * short lease, renewed ({@link #renewLeases()}) for as long as this instance holds the notice,
 * being sent or its outcome waiting to be written: if the instance dies, the renewals stop, the lease runs out
 * within seconds and another instance (or this one restarted) claims the notice and sends it with
 * the same id, so the recipient can recognise the repeat. An office that cannot be reached backs
 * off as a whole ({@link OfficeBackoff}): its claimed notices are put back unsent, one probe is
 * tried on a short interval, and when it goes through the office's waiting notices are due at once.
 */
public final class Outbox {

    /** The outcome of one attempt, waiting to be written: {@code failure} is null for a delivery. */
    public record Outcome(Delivery delivery, OutboxOutcome row, Failure failure) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final OutboxStore store;
    private final Clock clock;
    private final Map<Channel, RetryPolicy> retry;
    private final Duration lease;
    private final DoubleSupplier random;
    private final OfficeBackoff offices;
    /** The notices this instance holds, by id, with the attempt that holds each: their leases are renewed. */
    private final Map<String, Integer> held = new ConcurrentHashMap<>();
    /** Of those, the ones whose outcome waits to be written. */
    private final Map<String, Integer> queued = new ConcurrentHashMap<>();
    private volatile OutboxListener listener = OutboxListener.NONE;

    public Outbox(Transactions transactions, Clock clock, Map<Channel, RetryPolicy> retry, Duration lease, DoubleSupplier random,
                  OfficeBackoff offices) {
        this.store = new OutboxStore(transactions);
        this.clock = clock;
        this.retry = Map.copyOf(retry);
        this.lease = lease;
        this.random = random;
        this.offices = offices;
    }

    /** The offices this instance cannot reach. */
    public OfficeBackoff offices() {
        return offices;
    }

    public void listen(OutboxListener listener) {
        this.listener = listener;
    }

    /**
     * Claims up to {@code max} due notices for sending, and the probe of each office in back-off whose
     * probe is due (first, so they go first). A claimed notice of an office in back-off is put back.
     */
    public List<Delivery> claim(int max) {
        return claim(max, Set.of(), due -> due.stream().map(OutboxDue::noticeId).toList());
    }

    /**
     * Claims as {@link #claim(int)} does, passing over the routine notices of the {@code busy} offices,
     * and only the due notices that {@code choose} picks from those found, in claim order; of those, the
     * first {@code max} that no other claim holds.
     */
    public List<Delivery> claim(int max, Set<String> busy, Function<List<OutboxDue>, List<String>> choose) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Delivery> claimed = new ArrayList<>();
        for (String office : offices.probesDue()) {
            store.claimProbe(office, now, now.plus(lease)).map(Outbox::delivery).ifPresentOrElse(d -> {
                LOG.info("delivery notice={} office={} channel={} attempt={} PROBE", d.noticeId(), d.officeId(), d.channel(), d.attempt());
                claimed.add(d);
            }, () -> offices.nothingToProbe(office));
        }
        for (Delivery d : store.claim(max, busy, choose, now, now.plus(lease)).stream().map(Outbox::delivery).toList()) {
            if (offices.holds(d.officeId())) {
                putBack(d, now);
            } else {
                claimed.add(d);
            }
        }
        claimed.forEach(d -> held.put(d.noticeId(), d.attempt()));
        return claimed;
    }

    private void putBack(Delivery d, OffsetDateTime now) {
        RetryPolicy policy = retry.get(d.channel());
        Duration longest = policy == null ? lease : policy.maxDelay();
        store.putBack(d.noticeId(), d.attempt(), now.plus(offices.hold(d.officeId(), longest)), now);
    }

    /**
     * Extends the lease of every notice this instance holds, in one batch; called every
     * {@code budstikke.delivery.lease-renew-ms}. A notice whose lease ran out and was claimed by a
     * newer attempt is let go: the outcome of this attempt will not be recorded over the newer one.
     *
     * @return how many leases were renewed
     */
    public int renewLeases() {
        if (held.isEmpty()) return 0;
        Map<String, Integer> holding = Map.copyOf(held);
        List<String> lost = store.renewLeases(holding, OffsetDateTime.now(clock).plus(lease));
        for (String id : lost) {
            // Not held any more either when its outcome was recorded meanwhile: then nothing was lost.
            if (held.remove(id, holding.get(id))) {
                LOG.warn("delivery notice={} attempt={} lost its lease: a newer attempt may send it", id, holding.get(id));
            }
        }
        return holding.size() - lost.size();
    }

    /** How many notices this instance holds (being sent, or its outcome waiting to be written). */
    public int holding() {
        return held.size();
    }

    private static Delivery delivery(ClaimedNotice n) {
        return new Delivery(n.noticeId(), n.duty(), n.kind(), n.priority(), n.officeId(), n.officeName(), n.channel(), n.address(),
                n.attempt(), n.document());
    }

    /** The attempt delivered the notice: recorded now, in a transaction of its own. */
    public void delivered(Delivery d, String receipt) {
        write(List.of(deliveredOutcome(d, receipt)));
    }

    /** The attempt failed: recorded now, in a transaction of its own. */
    public void failed(Delivery d, Failure f) {
        write(List.of(failedOutcome(d, f)));
    }

    /**
     * The outcome of an attempt the office accepted, to be written ({@link #write}). Until then the
     * notice's lease is renewed: if this instance dies first, the notice is sent again with its id.
     */
    public Outcome deliveredOutcome(Delivery d, String receipt) {
        queued.put(d.noticeId(), d.attempt());
        return new Outcome(d, OutboxOutcome.delivered(d.noticeId(), d.attempt(), truncate(receipt), OffsetDateTime.now(clock)), null);
    }

    /**
     * The outcome of a failed attempt, to be written ({@link #write}): the retry it earns is decided
     * now, and an office that could not be reached backs off at once, so that the next claim knows.
     */
    public Outcome failedOutcome(Delivery d, Failure f) {
        RetryPolicy policy = retry.get(d.channel());
        Optional<Duration> wait = f.permanent() || policy == null ? Optional.empty()
                : policy.nextDelay(d.attempt(), f.retryAfter(), random);
        String detail = truncate(f.detail());
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (f.office()) {
            boolean first = !offices.holds(d.officeId());
            offices.unreachable(d.officeId());
            if (first) LOG.warn("delivery office={} channel={} cannot be reached ({}): backing off, probing", d.officeId(), d.channel(), detail);
        }
        queued.put(d.noticeId(), d.attempt());
        return new Outcome(d, OutboxOutcome.failed(d.noticeId(), d.attempt(), detail, wait.map(now::plus), now), f);
    }

    /**
     * Writes outcomes in one transaction. Their leases are renewed no more from here on: a renewal that
     * found a notice settled would take it for a lost lease; if the write fails, the leases run out and
     * the notices are sent again with their ids. An office that answered leaves its back-off afterwards.
     */
    public void write(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            queued.remove(o.delivery().noticeId(), o.delivery().attempt());
            release(o.delivery());
        }
        boolean[] recorded = store.settle(outcomes.stream().map(Outcome::row).toList());
        Set<String> answered = new LinkedHashSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o.failure() == null || !o.failure().office()) answered.add(o.delivery().officeId());
            if (recorded[i]) logged(o);
        }
        answered.forEach(this::reached);
    }

    private void logged(Outcome o) {
        Delivery d = o.delivery();
        if (o.failure() == null) {
            LOG.info("delivery notice={} office={} channel={} attempt={} DELIVERED", d.noticeId(), d.officeId(), d.channel(), d.attempt());
            listener.recorded(d, OutboxListener.Outcome.DELIVERED);
            return;
        }
        Optional<OffsetDateTime> next = o.row().next();
        listener.recorded(d, next.isPresent() ? OutboxListener.Outcome.RETRY : OutboxListener.Outcome.DEAD);
        if (next.isPresent()) {
            LOG.warn("delivery notice={} office={} channel={} attempt={} FAILED, retry in {} ms: {}", d.noticeId(), d.officeId(),
                    d.channel(), d.attempt(), Duration.between(o.row().at(), next.get()).toMillis(), o.row().detail());
        } else {
            LOG.error("delivery notice={} office={} channel={} attempt={} DEAD ({}): {}", d.noticeId(), d.officeId(),
                    d.channel(), d.attempt(), o.failure().permanent() ? "permanent failure" : "attempts used up", o.row().detail());
        }
    }

    /** The office answered: if it was backing off, its waiting notices are due now, the claim sends them most urgent first. */
    private void reached(String officeId) {
        if (offices.reached(officeId)) {
            int released = store.releaseOffice(officeId, OffsetDateTime.now(clock));
            LOG.info("delivery office={} is receiving again: {} waiting notice(s) released", officeId, released);
        }
    }

    /**
     * The sender is done with the attempt. Unless its outcome waits to be written, its lease is renewed
     * no more, so that no notice is held for ever: if no outcome was written, the lease runs out and the
     * notice is sent again with the same id.
     */
    public void finished(Delivery d) {
        if (!queued.containsKey(d.noticeId())) release(d);
    }

    /**
     * The attempt is over: its lease is renewed no more. Called before its outcome is written, so
     * that a renewal that finds the notice settled does not take it for a lost lease; if the outcome
     * was not written, the lease runs out and the notice is sent again with the same id.
     */
    public void release(Delivery d) {
        held.remove(d.noticeId(), d.attempt());
    }

    /** Sends a DEAD, FAILED or CANCELLED notice again, with the same id, and a fresh retry budget. */
    public boolean replay(String noticeId, String actor) {
        return act(NoticeAction.REPLAY, noticeId, actor);
    }

    /** Stops a notice that is not being sent right now. */
    public boolean cancel(String noticeId, String actor) {
        return act(NoticeAction.CANCEL, noticeId, actor);
    }

    /** Records that staff did an open task (a phone call): it counts as delivered from now, and who did it is kept. */
    public boolean acknowledge(String noticeId, String actor) {
        return act(NoticeAction.ACKNOWLEDGE, noticeId, actor);
    }

    /** Replays every DEAD or FAILED notice to one office; returns how many. */
    public int replayOffice(String officeId, String actor) {
        int n = 0;
        for (String id : store.stuckAt(officeId)) {
            if (replay(id, actor)) n++;
        }
        return n;
    }

    private boolean act(NoticeAction action, String noticeId, String actor) {
        boolean done = store.act(action, noticeId, actor, OffsetDateTime.now(clock));
        if (done) LOG.info("ops {} notice={} by {}", action, noticeId, actor);
        return done;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 400);
    }
}

package no.budstikke.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import no.budstikke.model.Channel;
import no.budstikke.store.ClaimedNotice;
import no.budstikke.store.NoticeAction;
import no.budstikke.store.OutboxStore;
import no.budstikke.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notice table as an outbox: CREATED → SENDING → DELIVERED, or FAILED (to be retried) and
 * finally DEAD. Due notices are claimed most urgent first, oldest first within a priority, with
 * SKIP LOCKED so that several instances never send one notice at the same time. A claim is a
 * lease: if the instance dies mid-send, the notice is claimed again when the lease runs out and
 * sent with the same id, so the recipient can recognise the repeat.
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final OutboxStore store;
    private final Clock clock;
    private final Map<Channel, RetryPolicy> retry;
    private final Duration lease;
    private final DoubleSupplier random;
    private volatile OutboxListener listener = OutboxListener.NONE;

    public Outbox(Transactions transactions, Clock clock, Map<Channel, RetryPolicy> retry, Duration lease, DoubleSupplier random) {
        this.store = new OutboxStore(transactions);
        this.clock = clock;
        this.retry = Map.copyOf(retry);
        this.lease = lease;
        this.random = random;
    }

    public void listen(OutboxListener listener) {
        this.listener = listener;
    }

    /** Claims up to {@code max} due notices for sending. */
    public List<Delivery> claim(int max) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return store.claim(max, now, now.plus(lease)).stream().map(Outbox::delivery).toList();
    }

    private static Delivery delivery(ClaimedNotice n) {
        return new Delivery(n.noticeId(), n.duty(), n.kind(), n.priority(), n.officeId(), n.officeName(), n.channel(), n.address(),
                n.attempt(), n.document());
    }

    public void delivered(Delivery d, String receipt) {
        if (store.delivered(d.noticeId(), d.attempt(), truncate(receipt), OffsetDateTime.now(clock))) {
            LOG.info("delivery notice={} office={} channel={} attempt={} DELIVERED", d.noticeId(), d.officeId(), d.channel(), d.attempt());
            listener.recorded(d, OutboxListener.Outcome.DELIVERED);
        }
    }

    public void failed(Delivery d, Failure f) {
        RetryPolicy policy = retry.get(d.channel());
        Optional<Duration> wait = f.permanent() || policy == null ? Optional.empty()
                : policy.nextDelay(d.attempt(), f.retryAfter(), random);
        String detail = truncate(f.detail());
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!store.failed(d.noticeId(), d.attempt(), detail, wait.map(now::plus), now)) return;
        listener.recorded(d, wait.isPresent() ? OutboxListener.Outcome.RETRY : OutboxListener.Outcome.DEAD);
        if (wait.isPresent()) {
            LOG.warn("delivery notice={} office={} channel={} attempt={} FAILED, retry in {} ms: {}", d.noticeId(), d.officeId(),
                    d.channel(), d.attempt(), wait.get().toMillis(), detail);
        } else {
            LOG.error("delivery notice={} office={} channel={} attempt={} DEAD ({}): {}", d.noticeId(), d.officeId(),
                    d.channel(), d.attempt(), f.permanent() ? "permanent failure" : "attempts used up", detail);
        }
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

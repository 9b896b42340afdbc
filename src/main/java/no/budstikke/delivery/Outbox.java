package no.budstikke.delivery;

import no.budstikke.store.Transaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import no.budstikke.model.Channel;
import no.budstikke.model.Priority;
import no.budstikke.store.Transactions;
import no.budstikke.store.NoticeStatus;
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

    // Staff tasks (phone calls) are not sent by a channel; they wait for staff in the ops API.
    private static final String CLAIM = """
            SELECT notice_id, duty, kind, priority, office_id, office_name, channel, address, attempts, document
            FROM notice
            WHERE channel <> 'TASK'
              AND ((status IN ('CREATED', 'FAILED') AND next_attempt_at <= ?) OR (status = 'SENDING' AND lease_until < ?))
            ORDER BY priority_rank, created_at, notice_id
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    private final Transactions transactions;
    private final Clock clock;
    private final Map<Channel, RetryPolicy> retry;
    private final Duration lease;
    private final DoubleSupplier random;
    private volatile OutboxListener listener = OutboxListener.NONE;

    public Outbox(Transactions transactions, Clock clock, Map<Channel, RetryPolicy> retry, Duration lease, DoubleSupplier random) {
        this.transactions = transactions;
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
        return transactions.inTransaction(c -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<Delivery> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.connection().prepareStatement(CLAIM)) {
                ps.setObject(1, now);
                ps.setObject(2, now);
                ps.setInt(3, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Delivery(rs.getString(1), rs.getString(2), rs.getString(3),
                                Priority.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                                Channel.valueOf(rs.getString(7)), rs.getString(8), rs.getInt(9) + 1, rs.getString(10)));
                    }
                }
            }
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    UPDATE notice SET status = 'SENDING', attempts = ?, lease_until = ?, status_changed_at = ?
                    WHERE notice_id = ?""")) {
                for (Delivery d : claimed) {
                    ps.setInt(1, d.attempt());
                    ps.setObject(2, now.plus(lease));
                    ps.setObject(3, now);
                    ps.setString(4, d.noticeId());
                    ps.addBatch();
                }
                if (!claimed.isEmpty()) ps.executeBatch();
            }
            return claimed;
        });
    }

    public void delivered(Delivery d, String receipt) {
        boolean current = transactions.inTransaction(c -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (!attempt(c, d, now, NoticeStatus.DELIVERED.name(), receipt, null)) return false;
            finish(c, d, NoticeStatus.DELIVERED.name(), null, null, receipt, now);
            return true;
        });
        if (current) {
            LOG.info("delivery notice={} office={} channel={} attempt={} DELIVERED", d.noticeId(), d.officeId(), d.channel(), d.attempt());
            listener.recorded(d, OutboxListener.Outcome.DELIVERED);
        }
    }

    public void failed(Delivery d, Failure f) {
        RetryPolicy policy = retry.get(d.channel());
        Optional<Duration> wait = f.permanent() || policy == null ? Optional.empty()
                : policy.nextDelay(d.attempt(), f.retryAfter(), random);
        String detail = truncate(f.detail());
        boolean current = transactions.inTransaction(c -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            OffsetDateTime next = wait.map(now::plus).orElse(null);
            String status = next == null ? NoticeStatus.DEAD.name() : NoticeStatus.FAILED.name();
            if (!attempt(c, d, now, next == null ? NoticeStatus.DEAD.name() : "RETRY", detail, next)) return false;
            finish(c, d, status, next, detail, null, now);
            return true;
        });
        if (!current) return;
        listener.recorded(d, wait.isPresent() ? OutboxListener.Outcome.RETRY : OutboxListener.Outcome.DEAD);
        if (wait.isPresent()) {
            LOG.warn("delivery notice={} office={} channel={} attempt={} FAILED, retry in {} ms: {}", d.noticeId(), d.officeId(),
                    d.channel(), d.attempt(), wait.get().toMillis(), detail);
        } else {
            LOG.error("delivery notice={} office={} channel={} attempt={} DEAD ({}): {}", d.noticeId(), d.officeId(),
                    d.channel(), d.attempt(), f.permanent() ? "permanent failure" : "attempts used up", detail);
        }
    }

    private static void finish(Transaction c, Delivery d, String status, OffsetDateTime next, String error, String receipt,
                                  OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("""
                UPDATE notice SET status = ?, next_attempt_at = ?, lease_until = NULL, last_error = COALESCE(?, last_error),
                                  receipt = COALESCE(?, receipt), delivered_at = CASE WHEN ? = 'DELIVERED' THEN ? ELSE delivered_at END,
                                  status_changed_at = ?
                WHERE notice_id = ? AND status = 'SENDING' AND attempts = ?""")) {
            ps.setString(1, status);
            ps.setObject(2, next);
            ps.setString(3, error);
            ps.setString(4, receipt == null ? null : truncate(receipt));
            ps.setString(5, status);
            ps.setObject(6, now);
            ps.setObject(7, now);
            ps.setString(8, d.noticeId());
            ps.setInt(9, d.attempt());
            ps.executeUpdate();
        }
    }

    /**
     * Journals the attempt if it still holds the notice, and says whether it does: a late answer
     * from an attempt whose lease ran out must not overwrite the newer attempt's state.
     */
    private static boolean attempt(Transaction c, Delivery d, OffsetDateTime now, String outcome, String detail,
                                   OffsetDateTime next) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("""
                INSERT INTO delivery_attempt (notice_id, attempt, channel, started_at, finished_at, outcome, detail, next_attempt_at)
                SELECT notice_id, attempts, channel, status_changed_at, ?, ?, ?, ?
                FROM notice WHERE notice_id = ? AND status = 'SENDING' AND attempts = ?""")) {
            ps.setObject(1, now);
            ps.setString(2, outcome);
            ps.setString(3, detail == null ? null : truncate(detail));
            ps.setObject(4, next);
            ps.setString(5, d.noticeId());
            ps.setInt(6, d.attempt());
            return ps.executeUpdate() == 1;
        }
    }

    /** Sends a DEAD, FAILED or CANCELLED notice again, with the same id, and a fresh retry budget. */
    public boolean replay(String noticeId, String actor) {
        return act(noticeId, actor, "REPLAY", """
                UPDATE notice SET status = 'CREATED', attempts = 0, next_attempt_at = ?, status_changed_at = ?
                WHERE notice_id = ? AND status IN ('DEAD', 'FAILED', 'CANCELLED')""", 2);
    }

    /** Stops a notice that is not being sent right now. */
    public boolean cancel(String noticeId, String actor) {
        return act(noticeId, actor, "CANCEL", """
                UPDATE notice SET status = 'CANCELLED', next_attempt_at = NULL, status_changed_at = ?
                WHERE notice_id = ? AND status IN ('CREATED', 'FAILED', 'DEAD')""", 1);
    }

    /** Records that staff did an open task (a phone call): it counts as delivered from now, and who did it is kept. */
    public boolean acknowledge(String noticeId, String actor) {
        return act(noticeId, actor, "ACKNOWLEDGE", """
                UPDATE notice SET status = 'DELIVERED', delivered_at = ?, status_changed_at = ?, receipt = 'acknowledged by ops'
                WHERE notice_id = ? AND channel = 'TASK' AND status = 'CREATED'""", 2);
    }

    /** Replays every DEAD or FAILED notice to one office; returns how many. */
    public int replayOffice(String officeId, String actor) {
        List<String> ids = transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(
                    "SELECT notice_id FROM notice WHERE office_id = ? AND status IN ('DEAD', 'FAILED') ORDER BY priority_rank, created_at")) {
                ps.setString(1, officeId);
                List<String> list = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) list.add(rs.getString(1));
                }
                return list;
            }
        });
        int n = 0;
        for (String id : ids) {
            if (replay(id, actor)) n++;
        }
        return n;
    }

    /** Runs an ops action's update (parameters: "now" for each of its timestamps, then the notice id) and journals who did it. */
    private boolean act(String noticeId, String actor, String action, String update, int timestamps) {
        boolean done = transactions.inTransaction(c -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            try (PreparedStatement ps = c.connection().prepareStatement(update)) {
                for (int i = 1; i <= timestamps; i++) ps.setObject(i, now);
                ps.setString(timestamps + 1, noticeId);
                if (ps.executeUpdate() != 1) return false;
            }
            try (PreparedStatement ps = c.connection().prepareStatement(
                    "INSERT INTO notice_action (notice_id, action, actor, at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, noticeId);
                ps.setString(2, action);
                ps.setString(3, actor);
                ps.setObject(4, now);
                ps.executeUpdate();
            }
            return true;
        });
        if (done) LOG.info("ops {} notice={} by {}", action, noticeId, actor);
        return done;
    }

    private static String truncate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400);
    }
}

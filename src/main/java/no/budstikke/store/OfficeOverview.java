package no.budstikke.store;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per office: how many notices wait to be sent (due, or failed and waiting for their retry), since when
 * the oldest waits, how many are dead letters and how many were delivered in the last 24 hours. Staff
 * tasks wait for people, not for the office, and are left out. Office ids only: an office's name can be
 * a person's.
 */
public final class OfficeOverview {

    static final Duration RECENT = Duration.ofHours(24);
    private static final List<NoticeStatus> WAITING = List.of(NoticeStatus.CREATED, NoticeStatus.FAILED);

    private final Transactions transactions;
    private final Clock clock;

    public OfficeOverview(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param oldestWaitingAt when the oldest waiting notice was created, null if none waits
     * @param oldestWaiting   how long it has waited, null if none waits
     */
    public record Office(String officeId, long waiting, OffsetDateTime oldestWaitingAt, Duration oldestWaiting, long dead,
                         long deliveredLast24h) {
    }

    /** Every office with a waiting, dead or recently delivered notice, by office id. */
    public List<Office> offices() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions.read(tx -> {
            OfficeOverviewSql sql = tx.attach(OfficeOverviewSql.class);
            Map<String, Row> rows = new TreeMap<>();
            for (OfficeOverviewSql.Waiting w : sql.waiting(WAITING)) {
                Row r = rows.computeIfAbsent(w.officeId(), k -> new Row());
                r.waiting = w.notices();
                r.oldest = w.oldestCreatedAt();
            }
            sql.dead(NoticeStatus.DEAD).forEach(c -> rows.computeIfAbsent(c.officeId(), k -> new Row()).dead = c.notices());
            sql.deliveredSince(now.minus(RECENT)).forEach(c -> rows.computeIfAbsent(c.officeId(), k -> new Row()).delivered = c.notices());
            return rows.entrySet().stream().map(e -> e.getValue().office(e.getKey(), now)).toList();
        });
    }

    private static final class Row {
        long waiting;
        OffsetDateTime oldest;
        long dead;
        long delivered;

        Office office(String id, OffsetDateTime now) {
            // Another instance's clock may run a little ahead: a notice never waited less than nothing.
            Duration age = oldest == null ? null : Duration.between(oldest, now);
            if (age != null && age.isNegative()) age = Duration.ZERO;
            return new Office(id, waiting, oldest, age, dead, delivered);
        }
    }
}

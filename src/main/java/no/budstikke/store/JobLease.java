package no.budstikke.store;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A background job that must run on one instance at a time claims its row in {@code job_lease}: the
 * claim moves {@code lease_until} forward only where it has passed or the claimant holds it already,
 * so of two instances at most one gets it. An instance that dies loses the lease when it expires.
 */
public final class JobLease {

    private final Transactions transactions;
    private final Clock clock;

    public JobLease(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Claims (or extends) the job for {@code length}; false when another holder's lease runs. */
    public boolean claim(String job, String holder, Duration length) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions.inTransaction(tx -> tx.attach(JobLeaseSql.class).claim(job, holder, now, now.plus(length)) == 1);
    }

    /** Gives the job up at once, so any instance may take it at its next tick. */
    public void release(String job, String holder) {
        OffsetDateTime passed = OffsetDateTime.now(clock).minusSeconds(1);
        transactions.inTransaction(tx -> tx.attach(JobLeaseSql.class).release(job, holder, passed));
    }
}

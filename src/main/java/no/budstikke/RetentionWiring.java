package no.budstikke;

import java.time.Clock;
import java.time.Duration;
import no.budstikke.ConfigWiring.StartConfig;
import no.budstikke.retention.Erasure;
import no.budstikke.retention.PurgeJob;
import no.budstikke.retention.RetentionSettings;
import no.budstikke.store.Erasures;
import no.budstikke.store.JobLease;
import no.budstikke.store.Purges;
import no.budstikke.store.RetentionLog;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Retention (docs/privacy.md): the purge the timer runs by retention.yaml, and erasure of one person. */
public final class RetentionWiring implements CamelConfiguration {

    /** One instance purges at a time; a lease left by a dead one runs out after this. */
    private static final Duration PURGE_LEASE = Duration.ofMinutes(10);

    @BindToRegistry
    public RetentionLog retentionLog(Transactions transactions, Clock clock) {
        return new RetentionLog(transactions, clock);
    }

    @BindToRegistry
    public PurgeJob purgeJob(StartConfig config, Transactions transactions, RetentionLog log, RetentionSettings settings, Clock clock) {
        return new PurgeJob(config.folder().retention(), new Purges(transactions), new JobLease(transactions, clock), log, clock,
                settings.batchSize(), PURGE_LEASE);
    }

    @BindToRegistry
    public Erasure erasure(Transactions transactions, RetentionLog log, Clock clock) {
        return new Erasure(new Erasures(transactions), log, clock);
    }
}

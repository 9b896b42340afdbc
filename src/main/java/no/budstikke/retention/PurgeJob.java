package no.budstikke.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import no.budstikke.store.JobLease;
import no.budstikke.store.PersonalData;
import no.budstikke.store.Purges;
import no.budstikke.store.RetentionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention purge: what config/retention.yaml says has been kept long enough is blanked or
 * deleted, in small batches of short transactions, on one instance at a time (a lease in the
 * database). Each run that purged something is recorded in counts, in the retention log and in one
 * log line; never what was purged.
 */
public final class PurgeJob {

    static final String JOB = "retention-purge";
    private static final Logger LOG = LoggerFactory.getLogger(PurgeJob.class);
    /** Batches per kind of data per run: a backlog is worked off over several runs, never in one long one. */
    private static final int MAX_BATCHES = 50;

    private final Retention retention;
    private final Purges purges;
    private final JobLease lease;
    private final RetentionLog log;
    private final Clock clock;
    private final int batchSize;
    private final Duration leaseLength;
    private final String holder = "purge-" + UUID.randomUUID();

    public PurgeJob(Retention retention, Purges purges, JobLease lease, RetentionLog log, Clock clock, int batchSize, Duration leaseLength) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size " + batchSize + " is not between 1 and 10000");
        }
        this.retention = retention;
        this.purges = purges;
        this.lease = lease;
        this.log = log;
        this.clock = clock;
        this.batchSize = batchSize;
        this.leaseLength = leaseLength;
    }

    /** One run; the counts of what it purged, empty when another instance holds the job. */
    public Map<String, Long> run() {
        if (!lease.claim(JOB, holder, leaseLength)) return Map.of();
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            Instant now = clock.instant();
            counts.put("quarantine", batches(() -> purges.quarantine(retention.quarantineBefore(clock), batchSize)));
            counts.put("noticeContents", batches(() -> purges.noticeContents(retention.noticeContentsBefore(clock), now, batchSize)));
            counts.putAll(cases(retention.eventPayloadsBefore(clock), now));
            counts.put("loneEvents", loneEvents(retention.eventPayloadsBefore(clock), now));
            counts.put("journalEvents", batches(() -> purges.journal(retention.journalBefore(clock), batchSize)));
            counts.put("retentionLog", batches(() -> purges.retentionLog(retention.journalBefore(clock), batchSize)));
            if (counts.values().stream().anyMatch(n -> n > 0)) {
                log.record(RetentionLog.PURGE, "retention", counts);
                LOG.info("retention purge: {}", describe(counts));
            }
            return counts;
        } finally {
            lease.release(JOB, holder);
        }
    }

    private Map<String, Long> cases(Instant before, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        PersonalData.Blanked total = PersonalData.Blanked.NONE;
        String after = "";
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<String> quiet = purges.quietCases(before, today, after, batchSize);
            for (String duf : quiet) total = total.plus(purges.purgeCase(duf, before, today, now));
            if (quiet.size() < batchSize) break;
            after = quiet.get(quiet.size() - 1);
            lease.claim(JOB, holder, leaseLength);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("caseFiles", (long) total.caseFiles());
        counts.put("caseEvents", (long) total.events());
        counts.put("caseNotices", (long) total.notices());
        return counts;
    }

    private long loneEvents(Instant before, Instant now) {
        long blanked = 0;
        long after = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            Purges.Page page = purges.loneEvents(before, now, after, batchSize);
            blanked += page.changed();
            if (page.seen() < batchSize) break;
            after = page.last();
            lease.claim(JOB, holder, leaseLength);
        }
        return blanked;
    }

    private long batches(IntSupplier batch) {
        long total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = batch.getAsInt();
            total += n;
            if (n < batchSize) break;
            lease.claim(JOB, holder, leaseLength);
        }
        return total;
    }

    static String describe(Map<String, Long> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }
}

package no.budstikke.retention;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.budstikke.store.Erasures;
import no.budstikke.store.Purges;
import no.budstikke.store.RetentionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases one person, named by DUF number, everywhere the hub holds their data: the case (events,
 * notices, tasks, held events, deadlines, unresolved recipients, the case file), the records that
 * quote the DUF number, and the quarantined inputs that hold it. What stays is the journal's
 * metadata, and one retention log entry that the erasure happened: when, by whom, and counts. The
 * DUF number itself is kept nowhere, not even hashed: a hash of a twelve-digit number is reversed
 * by trying them all, and the log entry needs no link to the person.
 */
public final class Erasure {

    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);
    private static final int QUARANTINE_BATCH = 200;

    /** The events erased (their opaque keys, which the journal still answers for) and the counts. */
    public record Result(List<String> eventKeys, Map<String, Long> counts) {
    }

    private final Erasures erasures;
    private final RetentionLog log;
    private final Clock clock;

    public Erasure(Erasures erasures, RetentionLog log, Clock clock) {
        this.erasures = erasures;
        this.log = log;
        this.clock = clock;
    }

    /** Whether the text is a DUF number: twelve digits. */
    public static boolean isDufNumber(String text) {
        return text != null && text.matches("[0-9]{12}");
    }

    /** @param actor the ops credential's name or the CLI user, for the log entry */
    public Result erase(String dufNumber, String actor) {
        if (!isDufNumber(dufNumber)) throw new IllegalArgumentException("a DUF number is twelve digits");
        Erasures.CaseErased erased = erasures.eraseCase(dufNumber, actor, clock.instant());
        Map<String, Long> counts = new LinkedHashMap<>(erased.counts());
        counts.putAll(erasures.mentions(dufNumber, clock.instant()));
        long deleted = 0;
        long after = 0;
        while (true) {
            Purges.Page page = erasures.quarantine(dufNumber, after, QUARANTINE_BATCH);
            deleted += page.changed();
            if (page.seen() < QUARANTINE_BATCH) break;
            after = page.last();
        }
        counts.put("quarantine", deleted);
        log.record(RetentionLog.ERASURE, actor, counts);
        LOG.info("erasure by {}: {}", actor, PurgeJob.describe(counts));
        return new Result(erased.eventKeys(), counts);
    }
}

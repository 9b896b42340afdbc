package no.budstikke.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * How many rejected inputs one sender may put in quarantine per minute. A batch of 333,000
 * empty objects once made as many quarantine rows and log lines; past the cap the hub still
 * answers each input, but keeps only one summary row and writes one log line for the rest of
 * that minute. Counted per instance: with several instances each keeps its own count.
 */
public final class QuarantineBudget {

    /** What to do with one more rejected input. */
    public enum Verdict {
        /** Quarantine it as usual. */
        KEEP,
        /** The first one over the cap this minute: write the summary row instead. */
        SUMMARY,
        /** Over the cap and summarised already: keep nothing. */
        DROP
    }

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Integer> counts = new HashMap<>();
    private Instant minute = Instant.EPOCH;

    public QuarantineBudget(int perMinute, Clock clock) {
        if (perMinute < 1) throw new IllegalArgumentException("at least one quarantine entry per minute, got " + perMinute);
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public int perMinute() {
        return perMinute;
    }

    /** Counts one rejected input of {@code sender} against this minute's cap. */
    public synchronized Verdict take(String sender) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        if (!now.equals(minute)) {
            // A new minute: every sender starts again, and the map never grows past one minute's senders.
            counts.clear();
            minute = now;
        }
        int n = counts.merge(sender, 1, Integer::sum);
        if (n <= perMinute) return Verdict.KEEP;
        return n == perMinute + 1 ? Verdict.SUMMARY : Verdict.DROP;
    }

    /**
     * Whom the cap counts: a credential over HTTP; otherwise the channel, since a file's name or
     * a queue row's number says nothing about who sent it.
     */
    static String sender(String channel, String origin) {
        return "http".equals(channel) ? "http:" + origin : channel;
    }
}

package no.budstikke.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When IMDi is owed the next update on a person awaiting settlement (O30, deadline D4 "every 3
 * months"): three calendar months after the <em>anchor</em>, minus {@code leadDays} so that it
 * arrives in time. The anchor is the later of the start of the wait and the newest mapping update
 * that went to IMDi under O30 (a real one, or the hub's own "nothing new"): like D4, the three
 * months start again with every update, so an early update never leaves a gap of more than three
 * months. Months are calendar months in the zone: 31 January + 3 months is 30 April. Pure.
 */
public record SettlementUpdates(int leadDays) {

    public static final int MONTHS = 3;
    /** Three calendar months are never fewer days than this (1 February to 1 May). */
    private static final int SHORTEST_PERIOD_DAYS = 89;

    public SettlementUpdates {
        if (leadDays < 0 || leadDays > 60) throw new IllegalArgumentException("lead days must be 0 to 60");
    }

    /** When the next update is due, for an anchor. */
    public Instant dueAt(Instant anchor, ZoneId zone) {
        return anchor.atZone(zone).plusMonths(MONTHS).minusDays(leadDays).toInstant();
    }

    public boolean due(Instant anchor, Instant now, ZoneId zone) {
        return !now.isBefore(dueAt(anchor, zone));
    }

    /**
     * A wait that began after this cannot have an update due at {@code now}: for the database query.
     * Generous by a day, for summer time.
     */
    public Instant waitStartedAtMost(Instant now) {
        return now.minus(Duration.ofDays(SHORTEST_PERIOD_DAYS - 1L - leadDays));
    }

    /** The anchor: the later of the wait's start and the last update to IMDi since then, if any. */
    public static Instant anchor(Instant waitingSince, Instant lastUpdateToImdi) {
        return lastUpdateToImdi == null || lastUpdateToImdi.isBefore(waitingSince) ? waitingSince : lastUpdateToImdi;
    }
}

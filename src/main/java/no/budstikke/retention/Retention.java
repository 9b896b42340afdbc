package no.budstikke.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * How long the hub keeps what (config/retention.yaml): the periods after which the purge blanks or
 * deletes, and the cut-off instants they give at a moment.
 */
public record Retention(int eventPayloadDays, int noticeContentDays, int quarantineDays, int journalYears) {

    /** Events and case files of cases quiet since before this are blanked. */
    public Instant eventPayloadsBefore(Clock clock) {
        return clock.instant().minus(Duration.ofDays(eventPayloadDays));
    }

    /** Notices delivered or cancelled before this lose their content. */
    public Instant noticeContentsBefore(Clock clock) {
        return clock.instant().minus(Duration.ofDays(noticeContentDays));
    }

    /** Rejected inputs received before this are deleted. */
    public Instant quarantineBefore(Clock clock) {
        return clock.instant().minus(Duration.ofDays(quarantineDays));
    }

    /** The journal of events received before this is deleted (calendar years, in UTC). */
    public Instant journalBefore(Clock clock) {
        return clock.instant().atZone(ZoneOffset.UTC).minusYears(journalYears).toInstant();
    }
}

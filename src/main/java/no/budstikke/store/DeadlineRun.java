package no.budstikke.store;

import java.time.Instant;
import no.budstikke.model.DeadlineClock;

/**
 * One deadline as it runs for one event, case or region (a row of {@code deadline_run}).
 *
 * @param dufNumber  the case, null for a per-region run; personal data, never logged or shown on the ops API
 * @param udiRegion  the region of a per-region run (D6), else null
 * @param round      1 for the first run, one more for each repeat
 * @param state      where the run is ({@code deadline_run.status})
 * @param atRiskAlertedAt when the at-risk alert was raised, else null
 * @param breachedAt when the hub marked the breach (the limit itself passed at {@code dueAt}), else null
 * @param closedAt   when it was met (also late, after a breach) or ended, else null
 * @param closedBy   the closing or ending event's key, or {@value #DELIVERED}
 */
public record DeadlineRun(long id, String deadlineId, String eventKey, String dufNumber, String udiRegion, int round,
                          Instant startedAt, Instant dueAt, Instant atRiskAt, DeadlineState state, Instant atRiskAlertedAt,
                          Instant breachedAt, Instant closedAt, String closedBy) {

    /** {@code closed_by} of a run closed by its notices' delivery (an event-closed run names the event). */
    public static final String DELIVERED = "delivered";

    /** A run as it starts: nothing alerted, breached or closed yet. */
    public static DeadlineRun started(long id, String deadlineId, String eventKey, String dufNumber, String udiRegion, int round,
                                      DeadlineClock.Times times) {
        return new DeadlineRun(id, deadlineId, eventKey, dufNumber, udiRegion, round, times.start(), times.dueAt(),
                times.atRiskAt(), DeadlineState.RUNNING, null, null, null, null);
    }

    /** The same run with a closing event recorded on it. */
    public DeadlineRun closed(Instant at, String by) {
        return new DeadlineRun(id, deadlineId, eventKey, dufNumber, udiRegion, round, startedAt, dueAt, atRiskAt, state,
                atRiskAlertedAt, breachedAt, at, by);
    }
}

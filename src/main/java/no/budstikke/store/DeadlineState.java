package no.budstikke.store;

/** Where a deadline run is ({@code deadline_run.status}, stored as the name). */
public enum DeadlineState {
    RUNNING, MET, BREACHED, ENDED
}

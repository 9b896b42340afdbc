package no.budstikke.store;

/**
 * Where an alert is. Not a column of its own: an alert is {@link #RAISED} until someone
 * acknowledges it ({@code alert.acknowledged_at} set), then {@link #ACKNOWLEDGED} for good.
 */
public enum AlertState {
    RAISED, ACKNOWLEDGED
}

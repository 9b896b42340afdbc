package no.budstikke.store;

/** What ops did to a notice by hand ({@code notice_action.action}, stored as the name), journalled with who did it. */
public enum NoticeAction {
    /** Sent again with the same id and a fresh retry budget. */
    REPLAY,
    /** Stopped before it was sent. */
    CANCEL,
    /** A task done by staff: counts as delivered. */
    ACKNOWLEDGE
}

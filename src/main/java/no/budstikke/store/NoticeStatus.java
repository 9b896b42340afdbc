package no.budstikke.store;

/**
 * Where a notice is in its life ({@code notice.status}, stored as the name). A staff task is a notice
 * on channel TASK: open while CREATED, done when ops acknowledge it (DELIVERED).
 */
public enum NoticeStatus {
    CREATED, SENDING, DELIVERED, FAILED, DEAD, CANCELLED
}

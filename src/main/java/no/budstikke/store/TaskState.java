package no.budstikke.store;

/**
 * Where a staff task is in its life. A task is a notice on channel TASK, so its state is stored as
 * the notice's status, which each constant carries: open while CREATED, DELIVERED once ops
 * acknowledge it (the call was made), or CANCELLED. The outbox never claims a task, so it is never
 * in any other status. SQL binds {@link #stored()}, never the constant: Jdbi binds enums by name.
 */
public enum TaskState {
    OPEN(NoticeStatus.CREATED), DELIVERED(NoticeStatus.DELIVERED), CANCELLED(NoticeStatus.CANCELLED);

    private final NoticeStatus stored;

    TaskState(NoticeStatus stored) {
        this.stored = stored;
    }

    NoticeStatus stored() {
        return stored;
    }

    static TaskState of(NoticeStatus status) {
        for (TaskState s : values()) {
            if (s.stored == status) return s;
        }
        throw new IllegalStateException("a task is never " + status);
    }
}

package no.budstikke.store;

import java.time.OffsetDateTime;

/**
 * A task as ops see it. {@code officeName} and {@code phone} name the person to call: personal
 * data, shown to ops credentials only and never logged.
 */
public record StoredTask(String noticeId, String eventKey, String duty, String kind, String priority, String role, String officeId,
                         String officeName, String phone, TaskState state, OffsetDateTime createdAt, OffsetDateTime dueAt,
                         String document, String acknowledgedBy, OffsetDateTime acknowledgedAt) {

    public boolean overdue(OffsetDateTime now) {
        return state == TaskState.OPEN && dueAt != null && !now.isBefore(dueAt);
    }
}

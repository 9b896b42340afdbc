package no.budstikke.store;

import no.budstikke.model.Priority;

/** A due notice as the claim first sees it, without a lock: enough to choose which to claim. */
public record OutboxDue(String noticeId, String officeId, Priority priority) {
}

package no.budstikke.model;

import java.time.Instant;

/** A notice of a duty a deadline watches, as the watch sees it: no content, only ids and state. */
public record WatchedNotice(String noticeId, String duty, String officeId, String status, Instant deliveredAt) {
}

package no.budstikke.store;

import java.time.Instant;

/** A notice of a duty a deadline watches, as the watch sees it (a read of {@code notice} rows): no content, only ids and state. */
public record WatchedNotice(String noticeId, String duty, String officeId, NoticeStatus status, Instant deliveredAt) {
}

package no.budstikke.store;

import java.time.OffsetDateTime;

/** An alert as stored. */
public record StoredAlert(long id, String kind, String priority, String eventKey, String subject, String detail,
                          OffsetDateTime raisedAt, String noticeId, String acknowledgedBy, OffsetDateTime acknowledgedAt) {
}

package no.budstikke.store;

import java.time.OffsetDateTime;

/** An alert as stored. {@code priority} is its mail's, empty when no mail went out. */
public record StoredAlert(long id, String kind, String priority, String eventKey, String subject, String detail,
                          OffsetDateTime raisedAt, String noticeId, String acknowledgedBy, OffsetDateTime acknowledgedAt) {

    public AlertState state() {
        return acknowledgedAt == null ? AlertState.RAISED : AlertState.ACKNOWLEDGED;
    }
}

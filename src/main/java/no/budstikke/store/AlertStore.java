package no.budstikke.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.budstikke.model.Notice;
import no.budstikke.model.Rfc3339;

/**
 * The {@code alert} table, and the link from an alert to the notice that mails it. Every method
 * works in the caller's transaction.
 */
public final class AlertStore {

    /** An alert to raise; {@code key} makes raising idempotent. */
    public record NewAlert(String key, String kind, String eventKey, String subject, String detail, OffsetDateTime raisedAt) {
    }

    private static final int SUBJECT_MAX = 200;
    private static final int DETAIL_MAX = 400;

    private final NoticeStore notices;

    public AlertStore(NoticeStore notices) {
        this.notices = notices;
    }

    /** Stores the alert unless one with its key was raised before; returns its id if new. Overlong text is cut to the columns. */
    public Optional<Long> raise(Transaction tx, NewAlert a) {
        AlertSql sql = tx.attach(AlertSql.class);
        NewAlert fitted = new NewAlert(a.key(), a.kind(), a.eventKey(), cut(a.subject(), SUBJECT_MAX), cut(a.detail(), DETAIL_MAX),
                a.raisedAt());
        if (sql.insert(fitted) == 0) return Optional.empty();
        return Optional.of(sql.idOf(a.key()));
    }

    /** Puts the alert's mail in the outbox as notice {@code noticeId} about the alert's event, and links it to the alert. */
    public void mail(Transaction tx, long alertId, String noticeId, String eventKey, Notice mail) {
        AlertSql sql = tx.attach(AlertSql.class);
        ObjectNode header = sql.eventHeader(eventKey).map(AlertStore::header)
                .orElseThrow(() -> new IllegalArgumentException("an alert must name a stored event"));
        notices.insert(tx, noticeId, eventKey, header, mail);
        sql.linkNotice(alertId, noticeId);
    }

    /** Alerts in the given states, newest first. */
    public List<StoredAlert> list(Transaction tx, Set<AlertState> states, int limit) {
        return tx.attach(AlertSql.class).newest(states.contains(AlertState.RAISED), states.contains(AlertState.ACKNOWLEDGED), limit);
    }

    public Optional<StoredAlert> get(Transaction tx, long id) {
        return tx.attach(AlertSql.class).byId(id);
    }

    /** The alerts about one event, oldest first. */
    public List<StoredAlert> forEvent(Transaction tx, String eventKey) {
        return tx.attach(AlertSql.class).forEvent(eventKey);
    }

    /** Moves a raised alert to {@link AlertState#ACKNOWLEDGED}; false when there is no such alert or it was acknowledged before. */
    public boolean acknowledge(Transaction tx, long id, String actor, OffsetDateTime at) {
        return tx.attach(AlertSql.class).acknowledge(id, actor, at) == 1;
    }

    /** As {@link #acknowledge(Transaction, long, String, OffsetDateTime)}, for the alert raised under {@code alertKey}. */
    public boolean acknowledge(Transaction tx, String alertKey, String actor, OffsetDateTime at) {
        return tx.attach(AlertSql.class).acknowledgeByKey(alertKey, actor, at) == 1;
    }

    /** The envelope fields a notice document names its event by; the payload itself is not needed. */
    private static ObjectNode header(AlertSql.EventHeader h) {
        return JsonNodeFactory.instance.objectNode().put("source", h.source()).put("id", h.eventId()).put("type", h.type())
                .put("time", Rfc3339.format(h.eventTime()));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

package no.budstikke.alert;

import no.budstikke.store.Transaction;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeId;
import no.budstikke.model.Office;
import no.budstikke.model.Rfc3339;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;
import no.budstikke.store.AlertHistory;
import no.budstikke.store.Transactions;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.StoredAlert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert table, and the mail each new alert sends to the ops mailbox. The mail is an ordinary
 * notice in the outbox (kind {@value #KIND}, duty {@value #DUTY}), so it is retried, journaled and
 * sandboxed like every other; its content is the alert only, which names no one.
 */
public final class Alerts implements AlertHistory {

    public static final String KIND = "ops-alert";
    public static final String DUTY = "ALERT";
    public static final String OPS_OFFICE_ID = "ops";
    /** The fields an ops-alert template may print. */
    public static final Set<String> CONTENT_FIELDS = Set.of("/alert", "/alert/kind", "/alert/subject", "/alert/detail",
            "/alert/raisedAt", "/alert/eventKey", "/alert/id");

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    private static final Serves NATIONAL = new Serves(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    private final Transactions transactions;
    private final Clock clock;
    private final NoticeStore notices;
    private final Optional<Office> mailbox;

    /** @param mailbox the ops mailbox's address; empty: alerts show on the ops API only */
    public Alerts(Transactions transactions, Clock clock, NoticeStore notices, Optional<String> mailbox) {
        this.transactions = transactions;
        this.clock = clock;
        this.notices = notices;
        this.mailbox = office(mailbox);
    }

    private static Optional<Office> office(Optional<String> mailbox) {
        return mailbox.filter(m -> !m.isBlank())
                .map(m -> new Office(OPS_OFFICE_ID, Role.OPS, "Budstikke drift", Channel.MAIL, m.trim(), NATIONAL, false));
    }

    /**
     * Raises the alert in the caller's transaction, once per key: a second raise with the same key
     * changes nothing. Returns whether it was new.
     */
    public boolean raise(Transaction c, Alert a) throws SQLException {
        return raise(c, a, mailbox);
    }

    /** As {@link #raise(Connection, Alert)}, mailed to another mailbox than the ops mailbox (a deadline's own). */
    public boolean raise(Transaction c, Alert a, String otherMailbox) throws SQLException {
        return raise(c, a, office(Optional.ofNullable(otherMailbox)).or(() -> mailbox));
    }

    private boolean raise(Transaction c, Alert a, Optional<Office> to) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int inserted;
        try (PreparedStatement ps = c.connection().prepareStatement("""
                INSERT INTO alert (alert_key, kind, event_key, subject, detail, raised_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            ps.setString(1, a.key());
            ps.setString(2, a.kind());
            ps.setString(3, a.eventKey());
            ps.setString(4, cut(a.subject(), 200));
            ps.setString(5, cut(a.detail(), 400));
            ps.setObject(6, now);
            inserted = ps.executeUpdate();
        }
        if (inserted == 0) return false;
        long id = idOf(c, a.key());
        LOG.warn("alert id={} kind={} event={}: {}", id, a.kind(), a.eventKey(), a.subject());
        if (to.isPresent()) {
            String noticeId = NoticeId.of(a.eventKey(), DUTY + "|" + a.key(), OPS_OFFICE_ID, false);
            ObjectNode content = JsonNodeFactory.instance.objectNode();
            content.putObject("alert").put("id", id).put("kind", a.kind()).put("subject", a.subject())
                    .put("detail", a.detail()).put("raisedAt", Rfc3339.format(now)).put("eventKey", a.eventKey());
            Notice n = new Notice(DUTY, false, KIND, a.priority(), to.get(), "ops-follow-up",
                    "internal follow-up of the hub's duties and deadlines", content, List.of(), List.of());
            notices.insert(c, noticeId, a.eventKey(), eventHeader(c, a.eventKey()), n);
            try (PreparedStatement ps = c.connection().prepareStatement("UPDATE alert SET notice_id = ? WHERE id = ?")) {
                ps.setString(1, noticeId);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        }
        return true;
    }

    /** Alerts newest first; only unacknowledged ones unless {@code all}. */
    public List<StoredAlert> list(boolean all, int limit) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(SELECT + (all ? "" : " WHERE a.acknowledged_at IS NULL")
                    + " ORDER BY a.raised_at DESC, a.id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                return rows(ps);
            }
        });
    }

    public Optional<StoredAlert> get(long id) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(SELECT + " WHERE a.id = ?")) {
                ps.setLong(1, id);
                return rows(ps).stream().findFirst();
            }
        });
    }

    /** The alerts about one event, oldest first: for the journal. */
    @Override
    public List<StoredAlert> forEvent(Transaction c, String eventKey) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(SELECT + " WHERE a.event_key = ? ORDER BY a.id")) {
            ps.setString(1, eventKey);
            return rows(ps);
        }
    }

    /** Records who acknowledged the alert; false when there is no such alert or it was acknowledged before. */
    public boolean acknowledge(long id, String actor) {
        return transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(
                    "UPDATE alert SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL")) {
                ps.setString(1, actor);
                ps.setObject(2, OffsetDateTime.now(clock));
                ps.setLong(3, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Acknowledges the alert raised under {@code alertKey}, in the caller's transaction, if it is still open. */
    public boolean acknowledge(Transaction c, String alertKey, String actor) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(
                "UPDATE alert SET acknowledged_by = ?, acknowledged_at = ? WHERE alert_key = ? AND acknowledged_at IS NULL")) {
            ps.setString(1, actor);
            ps.setObject(2, OffsetDateTime.now(clock));
            ps.setString(3, alertKey);
            return ps.executeUpdate() == 1;
        }
    }

    private static final String SELECT = """
            SELECT a.id, a.kind, COALESCE(n.priority, ''), a.event_key, a.subject, a.detail, a.raised_at, a.notice_id,
                   a.acknowledged_by, a.acknowledged_at
            FROM alert a LEFT JOIN notice n ON n.notice_id = a.notice_id""";

    private static List<StoredAlert> rows(PreparedStatement ps) throws SQLException {
        List<StoredAlert> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredAlert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getString(9),
                        rs.getObject(10, OffsetDateTime.class)));
            }
        }
        return out;
    }

    private static long idOf(Transaction c, String key) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement("SELECT id FROM alert WHERE alert_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The envelope fields a notice document names its event by; the payload itself is not needed. */
    private static ObjectNode eventHeader(Transaction c, String eventKey) throws SQLException {
        try (PreparedStatement ps = c.connection().prepareStatement(
                "SELECT source, event_id, type, event_time FROM inbound_event WHERE event_key = ?")) {
            ps.setString(1, eventKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalArgumentException("an alert must name a stored event");
                return JsonNodeFactory.instance.objectNode().put("source", rs.getString(1)).put("id", rs.getString(2))
                        .put("type", rs.getString(3)).put("time", Rfc3339.format(rs.getObject(4, OffsetDateTime.class)));
            }
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

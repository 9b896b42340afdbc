package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.NoticeId;
import no.budstikke.model.NoticeJson;

/** The notice table. Writes happen inside the caller's transaction. */
public final class NoticeStore {

    public static final Duration DEFAULT_TASK_DUE = Duration.ofHours(24);

    private final Transactions transactions;
    private final Clock clock;
    private final NoticeDocument document;
    private final Duration defaultTaskDue;

    public NoticeStore(Transactions transactions, Clock clock, NoticeDocument document) {
        this(transactions, clock, document, DEFAULT_TASK_DUE);
    }

    /**
     * @param defaultTaskDue when a task (channel TASK) is due whose rule names no due time: an office
     *                       reached only by phone (the representative told of a disappearance, O25)
     */
    public NoticeStore(Transactions transactions, Clock clock, NoticeDocument document, Duration defaultTaskDue) {
        this.transactions = transactions;
        this.clock = clock;
        this.document = document;
        this.defaultTaskDue = defaultTaskDue;
    }

    /** Inserts the notice unless one with the same id exists; returns its id. */
    public String insert(Transaction c, String eventKey, JsonNode event, Notice n) throws SQLException {
        return insert(c, eventKey, event, n, null);
    }

    /** As {@link #insert(Connection, String, JsonNode, Notice)}, recording the config version that decided it. */
    public String insert(Transaction c, String eventKey, JsonNode event, Notice n, String configVersion) throws SQLException {
        return insert(c, NoticeId.of(eventKey, n.duty(), n.recipient().id(), n.copy()), eventKey, event, n, configVersion);
    }

    /** As {@link #insert(Connection, String, JsonNode, Notice)}, for notices whose id is derived otherwise (alerts). */
    public String insert(Transaction c, String id, String eventKey, JsonNode event, Notice n) throws SQLException {
        return insert(c, id, eventKey, event, n, null);
    }

    /** As {@link #insert(Connection, String, String, JsonNode, Notice)}, recording the config version that decided it. */
    public String insert(Transaction c, String id, String eventKey, JsonNode event, Notice n, String configVersion)
            throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock);
        try (PreparedStatement ps = c.connection().prepareStatement("""
                INSERT INTO notice (notice_id, event_key, duty, is_copy, kind, priority, priority_rank, role, office_id,
                                    channel, address, purpose, legal_basis, content, removed_fields, flags, status,
                                    created_at, status_changed_at, office_name, document, next_attempt_at, due_at, duf_number,
                                    config_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            ps.setString(1, id);
            ps.setString(2, eventKey);
            ps.setString(3, n.duty());
            ps.setBoolean(4, n.copy());
            ps.setString(5, n.kind());
            ps.setString(6, n.priority().name());
            ps.setInt(7, n.priority().ordinal());
            ps.setString(8, n.recipient().role().name());
            ps.setString(9, n.recipient().id());
            ps.setString(10, n.recipient().channel().name());
            ps.setString(11, n.recipient().address());
            ps.setString(12, n.purpose());
            ps.setString(13, n.legalBasis());
            ps.setString(14, NoticeJson.text(n.content()));
            ps.setString(15, NoticeJson.text(NoticeJson.strings(n.removedFields())));
            ps.setString(16, NoticeJson.text(NoticeJson.strings(n.flags())));
            ps.setString(17, NoticeStatus.CREATED.name());
            ps.setObject(18, now);
            ps.setObject(19, now);
            ps.setString(20, n.recipient().name());
            ps.setString(21, NoticeJson.text(document.build(id, eventKey, event, n, now)));
            ps.setObject(22, now);
            ps.setObject(23, dueAt(n, now));
            JsonNode duf = event.path("data").path("person").path("dufNumber");
            ps.setString(24, duf.isTextual() ? duf.asText() : null);
            ps.setString(25, configVersion);
            ps.executeUpdate();
        }
        return id;
    }

    /** A task is due when its rule says, else after the default; a notice to be sent is not due. */
    private OffsetDateTime dueAt(Notice n, OffsetDateTime now) {
        if (n.taskDue() != null) return now.plus(n.taskDue());
        return n.recipient().channel() == Channel.TASK ? now.plus(defaultTaskDue) : null;
    }

    /** The notices of one event, most urgent first: metadata only. */
    public List<NoticeSummary> forEvent(String eventKey) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    SELECT notice_id, duty, is_copy, priority, role, office_id, channel, status
                    FROM notice WHERE event_key = ? ORDER BY priority_rank, duty, office_id""")) {
                ps.setString(1, eventKey);
                List<NoticeSummary> list = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(new NoticeSummary(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
                return list;
            }
        });
    }

    /** Notices in the given statuses, most urgent and oldest first: metadata only. */
    public List<NoticeState> list(List<String> statuses, String officeId, int limit) {
        String marks = String.join(", ", java.util.Collections.nCopies(statuses.size(), "?"));
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(STATE + " WHERE status IN (" + marks + ")"
                    + (officeId == null ? "" : " AND office_id = ?") + " ORDER BY priority_rank, created_at LIMIT ?")) {
                int i = 1;
                for (String s : statuses) ps.setString(i++, s);
                if (officeId != null) ps.setString(i++, officeId);
                ps.setInt(i, limit);
                List<NoticeState> list = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) list.add(state(rs));
                }
                return list;
            }
        });
    }

    public java.util.Optional<NoticeState> state(String noticeId) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(STATE + " WHERE notice_id = ?")) {
                ps.setString(1, noticeId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(state(rs)) : java.util.Optional.<NoticeState>empty();
                }
            }
        });
    }

    private static final String STATE = """
            SELECT notice_id, event_key, duty, is_copy, kind, priority, role, office_id, channel, status, attempts,
                   next_attempt_at, last_error, created_at, status_changed_at, delivered_at, receipt
            FROM notice""";

    private static NoticeState state(ResultSet rs) throws SQLException {
        return new NoticeState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getInt(11),
                rs.getObject(12, OffsetDateTime.class), rs.getString(13), rs.getObject(14, OffsetDateTime.class),
                rs.getObject(15, OffsetDateTime.class), rs.getObject(16, OffsetDateTime.class), rs.getString(17));
    }

    /** Where a notice is in delivery; no content, so safe for ops lists. */
    public record NoticeState(String noticeId, String eventKey, String duty, boolean copy, String kind, String priority,
                              String role, String officeId, String channel, String status, int attempts,
                              OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime createdAt,
                              OffsetDateTime statusChangedAt, OffsetDateTime deliveredAt, String receipt) {
    }

    /** Per channel and office: how many notices wait (CREATED, SENDING, FAILED) and since when the oldest. */
    public List<Backlog> backlog() {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement("""
                    SELECT channel, office_id, COUNT(*), MIN(created_at), SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END)
                    FROM notice WHERE status IN ('CREATED', 'SENDING', 'FAILED') AND channel <> 'TASK'
                    GROUP BY channel, office_id""");
                 ResultSet rs = ps.executeQuery()) {
                List<Backlog> list = new ArrayList<>();
                while (rs.next()) {
                    list.add(new Backlog(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, OffsetDateTime.class),
                            rs.getLong(5)));
                }
                return list;
            }
        });
    }

    /** Offices that are not receiving: how many of their notices are FAILED, DEAD or being retried. */
    public java.util.Map<String, Long> troubledOffices() {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.connection().prepareStatement(
                    // A retry in flight (SENDING after a failure) still counts: the office has not answered yet.
                    "SELECT office_id, COUNT(*) FROM notice WHERE status IN ('FAILED', 'DEAD') OR (status = 'SENDING' AND attempts > 1) "
                            + "GROUP BY office_id ORDER BY office_id");
                 ResultSet rs = ps.executeQuery()) {
                java.util.Map<String, Long> map = new java.util.LinkedHashMap<>();
                while (rs.next()) map.put(rs.getString(1), rs.getLong(2));
                return map;
            }
        });
    }

    public record Backlog(String channel, String officeId, long pending, OffsetDateTime oldestCreatedAt, long failed) {
    }

    /** A notice without its content: safe for ops views and logs. */
    public record NoticeSummary(String noticeId, String duty, boolean copy, String priority, String role, String officeId,
                                String channel, String status) {
    }
}

package no.budstikke.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import no.budstikke.intake.EventKey;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.Transactions;

/** Events and notices written straight into a hub database, for the tests of the outbox. */
public final class OutboxRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Clock clock;
    private final Transactions transactions;
    private final NoticeStore notices;

    public OutboxRows(DataSource dataSource, Clock clock, Transactions transactions, NoticeStore notices) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.transactions = transactions;
        this.notices = notices;
    }

    /** A dispatched event with this id, for notices to belong to; returns its key. */
    public String event(String id) throws SQLException {
        String key = EventKey.of("urn:test", id);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inbound_event (event_key, source, event_id, type, event_time, received_at, channel, origin,
                                           duf_number, payload_sha256, payload, status, status_changed_at)
                VALUES (?, 'urn:test', ?, 'no.udi.mot.resident.missing.v1', ?, ?, 'http', 'test', NULL, 'x', '{}', 'DISPATCHED', ?)""")) {
            OffsetDateTime t = OffsetDateTime.now(clock);
            ps.setString(1, key);
            ps.setString(2, id);
            ps.setObject(3, t);
            ps.setObject(4, t);
            ps.setObject(5, t);
            ps.executeUpdate();
        }
        return key;
    }

    /** An HTTP notice of the event to the office {@code officeId}; returns its id. */
    public String notice(String eventKey, String duty, String officeId, Priority priority) {
        return notice(eventKey, duty, officeId, priority, Channel.HTTP);
    }

    /** A notice of the event to the office {@code officeId} on {@code channel}; returns its id. */
    public String notice(String eventKey, String duty, String officeId, Priority priority, Channel channel) {
        return notice(eventKey, duty, officeId, priority, channel, "https://" + officeId + ".example/");
    }

    /** A notice of the event to the office {@code officeId} at {@code address} on {@code channel}; returns its id. */
    public String notice(String eventKey, String duty, String officeId, Priority priority, Channel channel, String address) {
        Office office = new Office(officeId, Role.POLICE_DISTRICT, officeId, channel, address,
                new Serves(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()), false);
        Notice n = new Notice(duty, false, "kind", priority, office, "purpose", "basis", JsonNodeFactory.instance.objectNode(),
                List.of(), List.of());
        JsonNode event = JSON.createObjectNode().put("source", "urn:test").put("id", eventKey).put("type", "t").put("time", "x");
        return transactions.inTransaction(tx -> notices.insert(tx, eventKey, event, n));
    }
}

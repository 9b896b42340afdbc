package no.budstikke.dispatch.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.budstikke.casefile.CaseFacts;
import no.budstikke.casefile.CaseFile;
import no.budstikke.casefile.CaseHistory;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.model.CaseState;
import no.budstikke.dispatch.model.Decision;
import no.budstikke.dispatch.model.Notice;
import no.budstikke.dispatch.model.Office;
import no.budstikke.dispatch.model.Unresolved;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.Jdbc;
import no.budstikke.store.NoticeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored events into notices. Each event is claimed, decided, and its notices written in
 * the one transaction that marks it DISPATCHED: a crash leaves it RECEIVED, never half done.
 * Rows are claimed with SKIP LOCKED so several instances can share the work.
 */
public final class DispatchService {

    public static final String DISPATCHED = "DISPATCHED";
    public static final String DISPATCH_FAILED = "DISPATCH_FAILED";

    private static final Logger LOG = LoggerFactory.getLogger(DispatchService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;
    private final Dispatcher dispatcher;
    private final NoticeStore notices;
    private final CaseFiles caseFiles;
    private final Clock clock;
    private final List<DispatchListener> listeners;

    public DispatchService(Jdbc jdbc, Dispatcher dispatcher, NoticeStore notices, CaseFiles caseFiles, Clock clock,
                           List<DispatchListener> listeners) {
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
        this.notices = notices;
        this.caseFiles = caseFiles;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /** Dispatches up to {@code max} received events, oldest first; returns how many were dispatched. */
    public int dispatchPending(int max) {
        int done = 0;
        for (String key : pending(max)) {
            try {
                if (dispatchOne(key)) done++;
            } catch (RuntimeException e) {
                // One event that cannot be decided must not hold up the others; ops see it by its status.
                LOG.error("dispatch event key={} failed: {}", key, e.getClass().getName());
                markFailed(key);
            }
        }
        return done;
    }

    private List<String> pending(int max) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT event_key FROM inbound_event WHERE status = 'RECEIVED' ORDER BY seq LIMIT ?")) {
                ps.setInt(1, max);
                List<String> keys = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) keys.add(rs.getString(1));
                }
                return keys;
            }
        });
    }

    boolean dispatchOne(String key) {
        return jdbc.inTransaction(c -> {
            String payload;
            String dufNumber;
            Instant eventTime;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT payload, duf_number, event_time FROM inbound_event WHERE event_key = ? AND status = 'RECEIVED'
                    FOR UPDATE SKIP LOCKED""")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return false; // taken by another instance meanwhile
                    payload = rs.getString(1);
                    dufNumber = rs.getString(2);
                    eventTime = rs.getObject(3, OffsetDateTime.class).toInstant();
                }
            }
            JsonNode event = read(payload);
            Optional<CaseFile> before = Optional.empty();
            CaseState facts = CaseState.UNKNOWN;
            CaseFiles.History history = null;
            if (dufNumber != null) {
                caseFiles.lock(c, dufNumber);
                history = caseFiles.history(c, dufNumber, key);
                before = history.before(key);
                facts = CaseFacts.of(before, eventTime, history.turning18Requested());
            }
            Decision decision = dispatcher.decide(event, facts);
            List<String> ids = new ArrayList<>();
            for (Notice n : decision.notices()) ids.add(notices.insert(c, key, event, n));
            for (Unresolved u : decision.unresolved()) notices.insertGap(c, key, u);
            setStatus(c, key, DISPATCHED);
            Optional<CaseFile> after = history == null ? Optional.empty()
                    : Optional.of(caseFiles.record(c, history, key, told(decision)));
            Dispatched done = new Dispatched(key, event, before, after, List.copyOf(ids));
            for (DispatchListener l : listeners) l.dispatched(c, done);
            LOG.info("dispatch event key={} type={} notices={} unresolved={}", key, event.path("type").asText(),
                    decision.notices().size(), decision.unresolved().size());
            for (Unresolved u : decision.unresolved()) {
                LOG.warn("dispatch event key={} duty={} role={} unresolved: {}", key, u.duty(), u.role(), u.reason());
            }
            return true;
        });
    }

    /** The offices this event's disappearance duties (O19–O24) tell: the case file remembers them for O25. */
    private static List<Office> told(Decision decision) {
        return decision.notices().stream().filter(n -> CaseHistory.DISAPPEARANCE_DUTIES.contains(n.duty()))
                .map(Notice::recipient).toList();
    }

    private void markFailed(String key) {
        jdbc.inTransaction(c -> {
            setStatus(c, key, DISPATCH_FAILED);
            return null;
        });
    }

    private void setStatus(java.sql.Connection c, String key, String status) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE inbound_event SET status = ?, status_changed_at = ? WHERE event_key = ?")) {
            ps.setString(1, status);
            ps.setObject(2, OffsetDateTime.now(clock));
            ps.setString(3, key);
            ps.executeUpdate();
        }
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("stored payloads are JSON written by intake", e);
        }
    }
}

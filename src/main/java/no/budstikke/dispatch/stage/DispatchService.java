package no.budstikke.dispatch.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import no.budstikke.dispatch.CaseFacts;
import no.budstikke.dispatch.DispatchListener;
import no.budstikke.dispatch.Dispatched;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.model.CaseFile;
import no.budstikke.model.CaseHistory;
import no.budstikke.model.CaseState;
import no.budstikke.model.Decision;
import no.budstikke.model.Notice;
import no.budstikke.model.Office;
import no.budstikke.model.Unresolved;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.DispatchGaps;
import no.budstikke.store.DispatchQueue;
import no.budstikke.store.EventState;
import no.budstikke.store.Transactions;
import no.budstikke.store.NoticeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored events into notices. Each event is claimed, decided, and its notices written in
 * the one transaction that marks it DISPATCHED: a crash leaves it RECEIVED, never half done.
 * Rows are claimed with SKIP LOCKED so several instances can share the work.
 */
public final class DispatchService {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;
    private final DispatchQueue queue;
    private final Supplier<Deciding> deciding;
    private final NoticeStore notices;
    private final DispatchGaps gaps;
    private final CaseFiles caseFiles;
    private final List<DispatchListener> listeners;
    private final EventHolds holds;

    /** The config a dispatch decides with, and its version (null when not known), taken together once per event. */
    public record Deciding(String configVersion, Dispatcher dispatcher) {
    }

    public DispatchService(Transactions transactions, Dispatcher dispatcher, NoticeStore notices, DispatchGaps gaps, CaseFiles caseFiles,
                           Clock clock, List<DispatchListener> listeners, EventHolds holds) {
        this(transactions, () -> new Deciding(null, dispatcher), notices, gaps, caseFiles, clock, listeners, holds);
    }

    /** @param deciding the config now loaded; a reload may replace it between two events */
    public DispatchService(Transactions transactions, Supplier<Deciding> deciding, NoticeStore notices, DispatchGaps gaps, CaseFiles caseFiles,
                           Clock clock, List<DispatchListener> listeners, EventHolds holds) {
        this.transactions = transactions;
        this.queue = new DispatchQueue(transactions, clock);
        this.deciding = deciding;
        this.notices = notices;
        this.gaps = gaps;
        this.caseFiles = caseFiles;
        this.listeners = List.copyOf(listeners);
        this.holds = holds;
    }

    /** Dispatches up to {@code max} received events, oldest first; returns how many were dispatched. */
    public int dispatchPending(int max) {
        int done = 0;
        for (String key : queue.pending(max)) {
            try {
                if (dispatchOne(key)) done++;
            } catch (RuntimeException e) {
                // One event that cannot be decided must not hold up the others; ops see it by its status.
                LOG.error("dispatch event key={} failed: {}", key, e.getClass().getName());
                queue.markFailed(key);
            }
        }
        return done;
    }

    boolean dispatchOne(String key) {
        return transactions.inTransaction(c -> {
            Optional<StoredEvent> stored = queue.claim(c, key).map(DispatchService::stored);
            if (stored.isEmpty()) return false; // taken by another instance meanwhile
            JsonNode event = stored.get().event();
            String dufNumber = stored.get().dufNumber();
            Optional<CaseFile> before = Optional.empty();
            CaseFiles.History history = null;
            if (dufNumber != null) {
                caseFiles.lock(c, dufNumber);
                history = caseFiles.history(c, dufNumber, key);
                before = history.before(key);
            }
            // Ops released it: they checked it with the centres, so it is not held a second time.
            if (stored.get().status() != EventState.RELEASED && holds.holdIfForeign(c, key, event, before)) return true;
            Deciding config = deciding.get();
            Decision decision = config.dispatcher().decide(event, facts(history, before, stored.get()));
            List<String> ids = new ArrayList<>();
            for (Notice n : decision.notices()) ids.add(notices.insert(c, key, event, n, config.configVersion()));
            for (Unresolved u : decision.unresolved()) gaps.insert(c, key, u);
            queue.markDispatched(c, key);
            Optional<CaseFile> after = history == null ? Optional.empty()
                    : Optional.of(caseFiles.record(c, history, key, told(decision)));
            Dispatched done = new Dispatched(key, event, before, after, List.copyOf(ids), decision.unresolved(),
                    config.configVersion(), config.dispatcher());
            for (DispatchListener l : listeners) l.dispatched(c, done);
            LOG.info("dispatch event key={} type={} notices={} unresolved={}", key, event.path("type").asText(),
                    decision.notices().size(), decision.unresolved().size());
            for (Unresolved u : decision.unresolved()) {
                LOG.warn("dispatch event key={} duty={} role={} unresolved, fallback={}: {}", key, u.duty(), u.role(),
                        u.fallback(), u.reason());
            }
            return true;
        });
    }

    /** What became of a replayed gap. */
    public sealed interface GapReplay {
        record Resolved(String noticeId, String officeId) implements GapReplay {
        }

        record StillUnresolved(String reason) implements GapReplay {
        }

        record AlreadyResolved(String noticeId) implements GapReplay {
        }

        record NotFound() implements GapReplay {
        }
    }

    /**
     * Decides the gap's event again with the config now loaded, as it stood before that event, and
     * sends the gap's duty to the office the role now resolves to. The other duties of the event
     * are not touched: they went out when it was first dispatched.
     */
    public GapReplay replayGap(long gapId, String actor) {
        return transactions.inTransaction(c -> {
            Optional<DispatchGaps.Gap> found = gaps.lock(c, gapId);
            if (found.isEmpty()) return new GapReplay.NotFound();
            DispatchGaps.Gap gap = found.get();
            if (!gap.open()) return new GapReplay.AlreadyResolved(gap.resolvedNoticeId());
            StoredEvent stored = queue.event(c, gap.eventKey()).map(DispatchService::stored).orElseThrow();
            CaseFiles.History history = null;
            Optional<CaseFile> before = Optional.empty();
            if (stored.dufNumber() != null) {
                caseFiles.lock(c, stored.dufNumber());
                history = caseFiles.history(c, stored.dufNumber(), gap.eventKey());
                before = history.before(gap.eventKey());
            }
            Deciding config = deciding.get();
            Decision decision = config.dispatcher().decide(stored.event(), facts(history, before, stored));
            Optional<Notice> now = decision.notices().stream()
                    .filter(n -> n.duty().equals(gap.duty()) && n.recipient().role().name().equals(gap.role())
                            && !n.flags().contains(Dispatcher.FALLBACK_FLAG))
                    .findFirst();
            if (now.isEmpty()) {
                String reason = decision.unresolved().stream()
                        .filter(u -> u.duty().equals(gap.duty()) && u.role().name().equals(gap.role()))
                        .map(Unresolved::reason).findFirst().orElse("the duty no longer applies to this event with the config now loaded");
                return new GapReplay.StillUnresolved(reason);
            }
            String id = notices.insert(c, gap.eventKey(), stored.event(), now.get(), config.configVersion());
            gaps.resolve(c, gapId, id, actor);
            LOG.info("dispatch gap id={} event key={} duty={} resolved to office={} by {}", gapId, gap.eventKey(), gap.duty(),
                    now.get().recipient().id(), actor);
            return new GapReplay.Resolved(id, now.get().recipient().id());
        });
    }

    private record StoredEvent(JsonNode event, String dufNumber, Instant time, EventState status) {
    }

    private static StoredEvent stored(DispatchQueue.StoredEvent e) {
        return new StoredEvent(read(e.payload()), e.dufNumber(), e.eventTime().toInstant(), e.status());
    }

    private static CaseState facts(CaseFiles.History history, Optional<CaseFile> before, StoredEvent e) {
        return history == null ? CaseState.UNKNOWN : CaseFacts.of(before, e.time(), history.turning18Requested());
    }

    /** The offices this event's disappearance duties (O19–O24) tell: the case file remembers them for O25. */
    private static List<Office> told(Decision decision) {
        return decision.notices().stream().filter(n -> CaseHistory.DISAPPEARANCE_DUTIES.contains(n.duty()))
                .map(Notice::recipient).toList();
    }

    private static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("stored payloads are JSON written by intake", e);
        }
    }
}

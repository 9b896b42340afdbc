package no.budstikke.dispatch.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import no.budstikke.store.Transaction;
import no.budstikke.store.Transactions;
import no.budstikke.store.NoticeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored events into notices. Each event is claimed, decided, and its notices written in
 * the one transaction that marks it DISPATCHED: a crash leaves it RECEIVED, never half done.
 * Events are decided in groups, one transaction per group, since each commit waits for the disk;
 * a group that fails is rolled back whole and its events dispatched one per transaction, so one
 * event that cannot be decided fails alone. Rows are claimed with SKIP LOCKED so several
 * instances can share the work.
 */
public final class DispatchService {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long one call keeps taking full batches: the timer's thread must come back to see a stop. */
    static final Duration BURST = Duration.ofSeconds(2);

    private final Transactions transactions;
    private final DispatchQueue queue;
    private final Supplier<Deciding> deciding;
    private final NoticeStore notices;
    private final DispatchGaps gaps;
    private final CaseFiles caseFiles;
    private final List<DispatchListener> listeners;
    private final EventHolds holds;
    private final int groupSize;

    /** The config a dispatch decides with, and its version (null when not known), taken together once per event. */
    public record Deciding(String configVersion, Dispatcher dispatcher) {
    }

    public DispatchService(Transactions transactions, Dispatcher dispatcher, NoticeStore notices, DispatchGaps gaps, CaseFiles caseFiles,
                           Clock clock, List<DispatchListener> listeners, EventHolds holds) {
        this(transactions, () -> new Deciding(null, dispatcher), notices, gaps, caseFiles, clock, listeners, holds,
                DispatchSettings.GROUP_SIZE.defaultValue().orElseThrow());
    }

    /**
     * @param deciding  the config now loaded; a reload may replace it between two events
     * @param groupSize how many events one transaction decides at most; 1 is one transaction per event
     */
    public DispatchService(Transactions transactions, Supplier<Deciding> deciding, NoticeStore notices, DispatchGaps gaps, CaseFiles caseFiles,
                           Clock clock, List<DispatchListener> listeners, EventHolds holds, int groupSize) {
        if (groupSize < 1) throw new IllegalArgumentException("a dispatch group holds at least one event");
        this.transactions = transactions;
        this.queue = new DispatchQueue(transactions, clock);
        this.deciding = deciding;
        this.notices = notices;
        this.gaps = gaps;
        this.caseFiles = caseFiles;
        this.listeners = List.copyOf(listeners);
        this.holds = holds;
        this.groupSize = groupSize;
    }

    /**
     * Dispatches the received events, oldest first, {@code max} at a time: while a batch was full
     * and moved, the next is taken at once rather than a timer period later, for up to
     * {@link #BURST}. Returns how many were dispatched (or held for ops).
     */
    public int dispatchPending(int max) {
        long until = System.nanoTime() + BURST.toNanos();
        int done = 0;
        while (true) {
            List<String> keys = queue.pending(max);
            Progress p = dispatchBatch(keys);
            done += p.dispatched();
            // A batch that did not move was held by another instance: its next tick is soon enough.
            if (keys.size() < max || p.moved() == 0 || System.nanoTime() - until >= 0) return done;
        }
    }

    /** Dispatched (or held), and those of them plus the failed: what left the queue. */
    private record Progress(int dispatched, int moved) {
    }

    private Progress dispatchBatch(List<String> keys) {
        int dispatched = 0;
        int failed = 0;
        for (int from = 0; from < keys.size(); from += groupSize) {
            List<String> group = keys.subList(from, Math.min(keys.size(), from + groupSize));
            if (group.size() > 1) {
                try {
                    dispatched += dispatchGroup(group);
                    continue;
                } catch (RuntimeException e) {
                    // Rolled back whole: nothing of the group was written. Alone, only the event at fault fails.
                    LOG.warn("dispatch group of {} events rolled back ({}); dispatching each alone", group.size(), e.getClass().getName());
                }
            }
            for (String key : group) {
                try {
                    if (dispatchOne(key)) dispatched++;
                } catch (RuntimeException e) {
                    // One event that cannot be decided must not hold up the others; ops see it by its status.
                    LOG.error("dispatch event key={} failed: {}", key, e.getClass().getName());
                    queue.markFailed(key);
                    failed++;
                }
            }
        }
        return new Progress(dispatched, dispatched + failed);
    }

    /**
     * Decides the group's events in one transaction, in intake order: a later event of a case sees
     * the earlier ones as dispatched, with their notices and case file, as it would one by one.
     * Returns how many were claimed (the others were taken by another instance meanwhile).
     */
    int dispatchGroup(List<String> keys) {
        List<Outcome> outcomes = transactions.inTransaction(c -> {
            List<DispatchQueue.ClaimedEvent> claimed = queue.claimAll(c, keys);
            // Every group takes its cases' locks in the same order, so two instances' groups never wait on each other crosswise.
            claimed.stream().map(DispatchQueue.ClaimedEvent::dufNumber).filter(Objects::nonNull).distinct().sorted()
                    .forEach(duf -> caseFiles.lock(c, duf));
            Map<String, Integer> lastOfCase = new HashMap<>();
            for (int i = 0; i < claimed.size(); i++) {
                if (claimed.get(i).dufNumber() != null) lastOfCase.put(claimed.get(i).dufNumber(), i);
            }
            List<Outcome> out = new ArrayList<>(claimed.size());
            List<String> markLater = new ArrayList<>(claimed.size());
            for (int i = 0; i < claimed.size(); i++) {
                DispatchQueue.ClaimedEvent e = claimed.get(i);
                // A later event of the same case must find this one DISPATCHED; the others are marked together at the end.
                boolean caseGoesOn = e.dufNumber() != null && lastOfCase.get(e.dufNumber()) > i;
                Outcome o = decide(c, e.eventKey(), stored(e.event()), !caseGoesOn);
                if (o.markLater()) markLater.add(e.eventKey());
                out.add(o);
            }
            queue.markAllDispatched(c, markLater);
            return out;
        });
        outcomes.forEach(Outcome::log);
        return outcomes.size();
    }

    /** The path of one event in its own transaction: a group's events after the group failed. */
    boolean dispatchOne(String key) {
        Optional<Outcome> outcome = transactions.inTransaction(c -> {
            Optional<StoredEvent> stored = queue.claim(c, key).map(DispatchService::stored);
            if (stored.isEmpty()) return Optional.<Outcome>empty(); // taken by another instance meanwhile
            if (stored.get().dufNumber() != null) caseFiles.lock(c, stored.get().dufNumber());
            return Optional.of(decide(c, key, stored.get(), false));
        });
        outcome.ifPresent(Outcome::log);
        return outcome.isPresent();
    }

    /**
     * Decides a claimed event whose case the transaction has locked, and writes all that follows
     * from it; with {@code markLater} it leaves marking it DISPATCHED to the caller, in the same
     * transaction.
     */
    private Outcome decide(Transaction c, String key, StoredEvent stored, boolean markLater) {
        JsonNode event = stored.event();
        String dufNumber = stored.dufNumber();
        Optional<CaseFile> before = Optional.empty();
        CaseFiles.History history = null;
        if (dufNumber != null) {
            history = caseFiles.history(c, dufNumber, key);
            before = history.before(key);
        }
        // Ops released it: they checked it with the centres, so it is not held a second time.
        if (stored.status() != EventState.RELEASED && holds.holdIfForeign(c, key, event, before)) return Outcome.HELD;
        Deciding config = deciding.get();
        Decision decision = config.dispatcher().decide(event, facts(history, before, stored));
        List<String> ids = notices.insertAll(c, key, event, decision.notices(), config.configVersion());
        for (Unresolved u : decision.unresolved()) gaps.insert(c, key, u);
        if (!markLater) queue.markDispatched(c, key);
        Optional<CaseFile> after = history == null ? Optional.empty()
                : Optional.of(caseFiles.record(c, history, key, told(decision)));
        Dispatched done = new Dispatched(key, event, before, after, List.copyOf(ids), decision.unresolved(),
                config.configVersion(), config.dispatcher());
        for (DispatchListener l : listeners) l.dispatched(c, done);
        return new Outcome(key, event.path("type").asText(), decision.notices().size(), decision.unresolved(), markLater);
    }

    /** What a dispatch decided, logged once its transaction committed: a rolled-back group logs nothing. */
    private record Outcome(String key, String type, int notices, List<Unresolved> unresolved, boolean markLater) {

        /** Held for ops: the hold logs itself, and has set the event's status. */
        static final Outcome HELD = new Outcome(null, null, 0, List.of(), false);

        void log() {
            if (this == HELD) return;
            LOG.info("dispatch event key={} type={} notices={} unresolved={}", key, type, notices, unresolved.size());
            for (Unresolved u : unresolved) {
                LOG.warn("dispatch event key={} duty={} role={} unresolved, fallback={}: {}", key, u.duty(), u.role(),
                        u.fallback(), u.reason());
            }
        }
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

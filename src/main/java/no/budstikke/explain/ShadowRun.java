package no.budstikke.explain;

import no.budstikke.store.Transaction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.dispatch.CaseFacts;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.model.CaseFile;
import no.budstikke.model.CaseState;
import no.budstikke.model.Decision;
import no.budstikke.model.NoticeId;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.Transactions;
import no.budstikke.store.ShadowReads.StoredEvent;
import no.budstikke.store.ShadowReads.StoredNotice;
import no.budstikke.store.ShadowReads;

/**
 * Decides stored events again with a candidate config and compares each decision with the notices
 * dispatch stored for the event. Each event gets the case as it found it when it was dispatched
 * (the case's events received before it, the offices actually told, whether the turning-18
 * request had gone), as {@code DispatchService} gives it, so that only the config differs.
 *
 * <p>Bounded: events are read a page at a time in intake order (keyset paging), with their
 * notices and their cases' histories read once per page; nothing outlives its page but the
 * report's counts. Only reads: the database is opened read-only and nothing is sent.
 */
public final class ShadowRun {

    public static final int PAGE = 500;
    /** Open ends of the window, as far as the database's timestamps go. */
    private static final OffsetDateTime EARLIEST = OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime LATEST = OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;
    private final Dispatcher candidate;
    private final ShadowReads reads = new ShadowReads();
    private final CaseFiles caseFiles;
    private final int pageSize;

    public ShadowRun(Transactions transactions, Dispatcher candidate) {
        this(transactions, candidate, PAGE);
    }

    ShadowRun(Transactions transactions, Dispatcher candidate, int pageSize) {
        this.transactions = transactions;
        this.candidate = candidate;
        this.caseFiles = new CaseFiles(transactions, Clock.systemUTC());
        this.pageSize = pageSize;
    }

    /** The events dispatched and received in [{@code from}, {@code to}) (null: open), compared into {@code report}. */
    public ShadowReport run(OffsetDateTime from, OffsetDateTime to, ShadowReport report) {
        OffsetDateTime start = from == null ? EARLIEST : from;
        OffsetDateTime end = to == null ? LATEST : to;
        long after = 0;
        while (true) {
            long afterSeq = after;
            Long last = transactions.read(tx -> page(tx, afterSeq, start, end, report));
            if (last == null) return report;
            after = last;
        }
    }

    /** One page: returns the intake position of its last event, or null when there was none. */
    private Long page(Transaction tx, long afterSeq, OffsetDateTime from, OffsetDateTime to, ShadowReport report) {
        List<StoredEvent> events = reads.page(tx, afterSeq, from, to, pageSize);
        if (events.isEmpty()) return null;
        long last = events.get(events.size() - 1).seq();
        Map<String, List<StoredNotice>> notices = reads.notices(tx, events.stream().map(StoredEvent::key).toList());
        Set<String> cases = new HashSet<>();
        for (StoredEvent e : events) if (e.dufNumber() != null) cases.add(e.dufNumber());
        Map<String, CaseFiles.Dispatched> histories = caseFiles.dispatched(tx, cases, last);
        for (StoredEvent e : events) {
            JsonNode event = read(e.payload());
            Decision d;
            try {
                d = candidate.decide(event, facts(e, histories));
            } catch (RuntimeException ex) {
                throw new UndecidableEvent(e.key(), ex);
            }
            List<ShadowReport.Decided> now = new ArrayList<>(d.notices().size());
            d.notices().forEach(n -> now.add(ShadowReport.Decided.of(n)));
            report.compare(decidedByDispatch(e.key(), notices.getOrDefault(e.key(), List.of())), now);
        }
        return last;
    }

    private static CaseState facts(StoredEvent e, Map<String, CaseFiles.Dispatched> histories) {
        if (e.dufNumber() == null) return CaseState.UNKNOWN;
        CaseFiles.History history = histories.get(e.dufNumber()).asSeenBy(e.key(), e.seq());
        Optional<CaseFile> before = history.before(e.key());
        return CaseFacts.of(before, e.time().toInstant(), history.turning18Requested());
    }

    /**
     * The notices dispatch decided for the event. Alerts and reports the hub composes itself hang
     * on events too, under ids of their own: they are not the config's decision and are left out.
     */
    private static List<ShadowReport.Decided> decidedByDispatch(String eventKey, List<StoredNotice> stored) {
        List<ShadowReport.Decided> out = new ArrayList<>(stored.size());
        for (StoredNotice n : stored) {
            if (!n.noticeId().equals(NoticeId.of(eventKey, n.duty(), n.officeId(), n.copy()))) continue;
            out.add(new ShadowReport.Decided(n.duty(), n.copy(), n.officeId(), n.priority(), n.content()));
        }
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored payloads and contents are JSON written by the hub", e);
        }
    }

    /** The candidate config could not decide a stored event: names the event by its key only. */
    public static final class UndecidableEvent extends RuntimeException {
        private final String eventKey;

        UndecidableEvent(String eventKey, RuntimeException cause) {
            super("the candidate could not decide event key=" + eventKey + " (" + cause.getClass().getSimpleName() + ")", cause);
            this.eventKey = eventKey;
        }

        public String eventKey() {
            return eventKey;
        }
    }
}

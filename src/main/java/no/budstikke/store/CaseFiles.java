package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import no.budstikke.model.CaseEvent;
import no.budstikke.model.CaseFile;
import no.budstikke.model.CaseHistory;
import no.budstikke.model.Channel;
import no.budstikke.model.Office;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;

/**
 * Case memory in the database: each case file is replayed from the case's dispatched events and
 * the journal's record of who was told, and kept in {@code case_file} (with its running AMOT
 * agreements in {@code case_agreement}) for schedules and ops. Writes happen in the caller's
 * transaction, the one that dispatches the event.
 */
public final class CaseFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Serves NOWHERE = new Serves(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    private static final String CONTACT_PREFIX = "contact:";
    private static final String TURNING_18_DUTY = "O9";
    /** The duties whose notices the history needs: the disappearance duties (who was told) and O9. */
    private static final List<String> JOURNAL_DUTIES = Stream.concat(CaseHistory.DISAPPEARANCE_DUTIES.stream(), Stream.of(TURNING_18_DUTY))
            .sorted().toList();

    private final Transactions transactions;
    private final Clock clock;

    public CaseFiles(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Serialises work on one case across instances: two events of the same case dispatched at once
     * would each replay without the other. Takes the case file's row lock until the transaction ends.
     */
    public void lock(Transaction tx, String dufNumber) {
        tx.attach(CaseFileSql.class).lock(dufNumber);
    }

    /**
     * A case's history, read once per dispatch: its dispatched events (and the one being dispatched)
     * with the offices told of each disappearance, and whether the turning-18 request went.
     */
    public record History(String dufNumber, List<CaseEvent> events, boolean turning18Requested) {

        /** The case as the event found it: the events before it in event time. */
        public Optional<CaseFile> before(String eventKey) {
            CaseEvent current = event(eventKey);
            return CaseHistory.replay(dufNumber, events.stream().filter(e -> CaseHistory.ORDER.compare(e, current) < 0).toList());
        }

        /** The case with every event applied, the event's own disappearance notices ({@code told}, decided just now) included. */
        public CaseFile after(String eventKey, List<Office> told) {
            CaseEvent current = event(eventKey);
            List<CaseEvent> all = new ArrayList<>(events);
            all.set(all.indexOf(current), new CaseEvent(current.key(), current.type(), current.time(), current.seq(), current.data(),
                    List.copyOf(told)));
            return CaseHistory.replay(dufNumber, all).orElseThrow();
        }

        private CaseEvent event(String eventKey) {
            return events.stream().filter(e -> e.key().equals(eventKey)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the event is not stored under this case"));
        }
    }

    /** The case's history as the event {@code eventKey}, being dispatched, sees it. */
    public History history(Transaction tx, String dufNumber, String eventKey) {
        CaseFileSql sql = tx.attach(CaseFileSql.class);
        List<CaseFileSql.EventRow> stored = sql.eventsWith(dufNumber, eventKey, EventState.DISPATCHED);
        Map<String, List<Office>> told = new HashMap<>();
        boolean turning18 = false;
        for (CaseFileSql.NoticeRow n : sql.notices(List.of(dufNumber), JOURNAL_DUTIES, NoticeStatus.CANCELLED)) {
            if (TURNING_18_DUTY.equals(n.duty())) {
                turning18 = true;
            } else {
                told.computeIfAbsent(n.eventKey(), k -> new ArrayList<>()).add(toldOffice(n));
            }
        }
        return new History(dufNumber, events(stored, told), turning18);
    }

    /** The office a stored disappearance notice told. */
    private static Office toldOffice(CaseFileSql.NoticeRow n) {
        return new Office(n.officeId(), Role.valueOf(n.role()), n.officeName(), Channel.valueOf(n.channel()), n.address(),
                NOWHERE, n.officeId().startsWith(CONTACT_PREFIX));
    }

    private static List<CaseEvent> events(List<CaseFileSql.EventRow> stored, Map<String, List<Office>> told) {
        List<CaseEvent> events = new ArrayList<>(stored.size());
        for (CaseFileSql.EventRow e : stored) {
            events.add(new CaseEvent(e.eventKey(), e.type(), e.eventTime().toInstant(), e.seq(), read(e.payload()).path("data"),
                    told.getOrDefault(e.eventKey(), List.of())));
        }
        return List.copyOf(events);
    }

    /**
     * The dispatched events of several cases at once, up to intake position {@code upToSeq}, with the
     * offices told of each disappearance and the events whose dispatch decided the turning-18 request:
     * what a shadow run needs to give each event the case as it found it, one read for a page of events.
     */
    public record Dispatched(String dufNumber, List<CaseEvent> events, Set<String> turning18EventKeys) {

        /** The history event {@code eventKey} (at {@code seq}) saw when it was dispatched: the events received before it. */
        public History asSeenBy(String eventKey, long seq) {
            List<CaseEvent> upTo = events.stream().filter(e -> e.seq() <= seq).toList();
            boolean turning18 = upTo.stream().anyMatch(e -> e.seq() < seq && turning18EventKeys.contains(e.key()));
            return new History(dufNumber, upTo, turning18);
        }
    }

    /** {@link Dispatched} for each of {@code dufNumbers} that has dispatched events up to {@code upToSeq}. */
    public Map<String, Dispatched> dispatched(Transaction tx, Collection<String> dufNumbers, long upToSeq) {
        if (dufNumbers.isEmpty()) return Map.of();
        CaseFileSql sql = tx.attach(CaseFileSql.class);
        List<String> cases = List.copyOf(dufNumbers);
        Map<String, List<CaseFileSql.EventRow>> stored = new HashMap<>();
        for (CaseFileSql.EventRow e : sql.dispatchedEvents(cases, upToSeq, EventState.DISPATCHED)) {
            stored.computeIfAbsent(e.dufNumber(), k -> new ArrayList<>()).add(e);
        }
        Map<String, List<Office>> told = new HashMap<>();
        Map<String, Set<String>> turning18 = new HashMap<>();
        for (CaseFileSql.NoticeRow n : sql.notices(cases, JOURNAL_DUTIES, NoticeStatus.CANCELLED)) {
            if (TURNING_18_DUTY.equals(n.duty())) {
                turning18.computeIfAbsent(n.dufNumber(), k -> new HashSet<>()).add(n.eventKey());
            } else {
                told.computeIfAbsent(n.eventKey(), k -> new ArrayList<>()).add(toldOffice(n));
            }
        }
        Map<String, Dispatched> out = new HashMap<>();
        stored.forEach((duf, list) -> out.put(duf,
                new Dispatched(duf, events(list, told), Set.copyOf(turning18.getOrDefault(duf, Set.of())))));
        return out;
    }

    /** Whether the turning-18 request (O9) was decided for this person by any event so far. */
    public boolean turning18Requested(Transaction tx, String dufNumber) {
        return tx.attach(CaseFileSql.class).anyNotice(dufNumber, TURNING_18_DUTY, NoticeStatus.CANCELLED).isPresent();
    }

    /**
     * Stores the case with the event applied: {@code told} are the event's own disappearance notices,
     * decided in this transaction.
     */
    public CaseFile record(Transaction tx, History history, String eventKey, List<Office> told) {
        CaseFileSql sql = tx.attach(CaseFileSql.class);
        OffsetDateTime now = OffsetDateTime.now(clock);
        CaseFile file = history.after(eventKey, told);
        CaseFileSql.FileRow row = row(file, now);
        if (sql.update(row) == 0 && sql.insert(row) == 0) {
            // Another instance stored this case's first file meanwhile: wait for its lock, then replay with its event too.
            lock(tx, history.dufNumber());
            file = history(tx, history.dufNumber(), eventKey).after(eventKey, told);
            sql.update(row(file, now));
        }
        sql.deleteAgreements(history.dufNumber());
        for (CaseFile.Agreement a : file.agreements()) {
            sql.insertAgreement(new CaseFileSql.AgreementRow(history.dufNumber(), a.agreementId(), a.municipalityNumber(),
                    utc(a.signedAt()), a.eventKey()));
        }
        return file;
    }

    private static CaseFileSql.FileRow row(CaseFile f, OffsetDateTime now) {
        return new CaseFileSql.FileRow(f.dufNumber(), f.birthDate(), f.eighteenOn(), utc(f.awaitingSettlementSince()),
                f.centre() == null ? null : f.centre().id(), f.lastEventKey(), utc(f.lastEventTime()), f.toJson().toString(), now);
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /** The stored case file as JSON, for ops. */
    public Optional<ObjectNode> json(String dufNumber) {
        return transactions.read(tx -> tx.attach(CaseFileSql.class).state(dufNumber)).map(r -> {
            ObjectNode n = (ObjectNode) read(r.state());
            n.put("updatedAt", no.budstikke.model.Rfc3339.format(r.updatedAt()));
            return n;
        });
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored payloads are JSON written by the hub", e);
        }
    }
}

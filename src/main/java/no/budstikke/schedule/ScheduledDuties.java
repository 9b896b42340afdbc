package no.budstikke.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import no.budstikke.alert.Alert;
import no.budstikke.alert.Alerts;
import no.budstikke.contract.ContractValidator;
import no.budstikke.contract.Violation;
import no.budstikke.intake.EventKey;
import no.budstikke.intake.EventOutcome.Outcome;
import no.budstikke.intake.Inbound;
import no.budstikke.intake.InputForm;
import no.budstikke.intake.IntakeReport;
import no.budstikke.intake.IntakeService;
import no.budstikke.model.Priority;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.Transactions;
import no.budstikke.store.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duties nobody sends an event for: the turning-18 request (O9/O10) and the three-monthly
 * update to IMDi while a person awaits settlement (O30). A schedule writes no notice itself: it
 * stores an event of its own through intake, and dispatch treats that like any other event (rules,
 * policies, journal, deadlines). Intake stores each (source, id) once, so the database decides
 * between instances and across restarts; see {@link HubEvents} for the ids.
 */
public final class ScheduledDuties {

    public static final String CHANNEL = "schedule";
    public static final String ORIGIN = "budstikke-schedule";
    public static final String NO_CENTRE = "SCHEDULE_NO_CENTRE";
    public static final String INVALID_EVENT = "SCHEDULE_INVALID_EVENT";

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledDuties.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schedules store;
    private final CaseFiles caseFiles;
    private final Transactions transactions;
    private final IntakeService intake;
    private final ContractValidator contract;
    private final Alerts alerts;
    private final Clock clock;
    private final ZoneId zone;
    private final TurningEighteen turningEighteen;
    private final SettlementUpdates settlementUpdates;

    public ScheduledDuties(Schedules store, CaseFiles caseFiles, Transactions transactions, IntakeService intake, ContractValidator contract,
                           Alerts alerts, Clock clock, ZoneId zone, TurningEighteen turningEighteen,
                           SettlementUpdates settlementUpdates) {
        this.store = store;
        this.caseFiles = caseFiles;
        this.transactions = transactions;
        this.intake = intake;
        this.contract = contract;
        this.alerts = alerts;
        this.clock = clock;
        this.zone = zone;
        this.turningEighteen = turningEighteen;
        this.settlementUpdates = settlementUpdates;
    }

    /** One pass over every schedule; returns how many events it stored. */
    public int tick() {
        Instant now = clock.instant();
        return turningEighteen(now) + settlementUpdates(now);
    }

    private int turningEighteen(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        int stored = 0;
        for (Schedules.Case c : store.turningEighteenBetween(turningEighteen.earliestBirthday(today), turningEighteen.latestBirthday(today))) {
            if (isolated("O9", c, () -> turningEighteen(c, today))) stored++;
        }
        return stored;
    }

    private boolean turningEighteen(Schedules.Case c, LocalDate today) {
        if (!turningEighteen.due(c.eighteenOn(), today)) return false;
        // Asked once per person, whichever event asked: a real turning-18 event or an earlier one of ours.
        if (transactions.read(tx -> caseFiles.turning18Requested(tx, c.dufNumber()))) return false;
        String id = HubEvents.turning18Id(c.dufNumber(), c.eighteenOn());
        if (store.stored(EventKey.of(HubEvents.SOURCE, id))) return false;
        Instant time = later(turningEighteen.dueAt(c.eighteenOn(), zone), c.lastEventTime());
        Optional<ObjectNode> event = HubEvents.turning18(id, time, c.state(), c.eighteenOn());
        if (event.isEmpty()) {
            raise(new Alert(NO_CENTRE + ":" + id, NO_CENTRE, Priority.HIGH, c.lastEventKey(),
                    "Turning 18 soon, but no centre known: no request to UDI made (O9/O10)",
                    "The case of this event turns 18 within " + turningEighteen.leadDays() + " days, but the hub knows no"
                            + " reception centre for it, so it cannot make the turning-18 event that asks UDI (O9) and child"
                            + " welfare (O10). Have the centre send the turning-18 event, or send the request by hand (D5)."));
            return false;
        }
        return store(event.get(), "O9", c);
    }

    private int settlementUpdates(Instant now) {
        int stored = 0;
        for (Schedules.Case c : store.awaitingSettlementSince(settlementUpdates.waitStartedAtMost(now))) {
            if (isolated("O30", c, () -> settlementUpdate(c, now))) stored++;
        }
        return stored;
    }

    private boolean settlementUpdate(Schedules.Case c, Instant now) {
        Instant anchor = SettlementUpdates.anchor(c.awaitingSince(), c.lastUpdateToImdi());
        if (!settlementUpdates.due(anchor, now, zone)) return false;
        String id = HubEvents.settlementUpdateId(c.dufNumber(), anchor);
        if (store.stored(EventKey.of(HubEvents.SOURCE, id))) return false;
        Instant time = later(settlementUpdates.dueAt(anchor, zone), c.lastEventTime());
        JsonNode lastMapping = Optional.ofNullable(c.state().path("lastMapping").path("eventKey").textValue())
                .flatMap(store::data).orElse(null);
        Optional<ObjectNode> event = HubEvents.settlementUpdate(id, time, c.state(), lastMapping);
        if (event.isEmpty()) {
            raise(new Alert(NO_CENTRE + ":" + id, NO_CENTRE, Priority.HIGH, c.lastEventKey(),
                    "Update to IMDi due, but no centre known: no confirmation made (O30)",
                    "The case of this event has awaited settlement for three months without an update to IMDi, but the"
                            + " hub knows no reception centre for it, so it cannot make the mapping update that tells IMDi"
                            + " (O30). Have the centre send a mapping update, or tell IMDi by hand (D4)."));
            return false;
        }
        return store(event.get(), "O30", c);
    }

    /** One case that cannot be handled must not hold up the others; it is tried again on the next tick. */
    private static boolean isolated(String duty, Schedules.Case c, java.util.function.BooleanSupplier work) {
        try {
            return work.getAsBoolean();
        } catch (RuntimeException e) {
            // The class only: a message may quote the case. The case is named by its newest event.
            LOG.error("schedule duty={} case of event key={} failed, will retry on the next tick: {}", duty, c.lastEventKey(),
                    e.getClass().getName());
            return false;
        }
    }

    /** Stores the event through intake; a contract violation (a case file the contract no longer fits) is an alert. */
    private boolean store(ObjectNode event, String duty, Schedules.Case c) {
        String id = event.path("id").asText();
        List<Violation> violations = contract.validateEvent(event);
        if (!violations.isEmpty()) {
            // No pointers in the alert: an unknown property's pointer is a field name the case file took from a sender.
            raise(new Alert(INVALID_EVENT + ":" + id, INVALID_EVENT, Priority.HIGH, c.lastEventKey(),
                    "The schedule could not make a valid event for " + duty,
                    "What the hub knows of the case of this event breaks the event contract in " + violations.size()
                            + " place(s), so no " + duty + " event was made. Check the case's newest events."));
            return false;
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        IntakeReport report = intake.accept(new Inbound(CHANNEL, ORIGIN, body, InputForm.SINGLE, Inbound.anySource()));
        boolean stored = report.count(Outcome.STORED) == 1;
        if (stored) {
            LOG.info("schedule duty={} made event key={} type={}", duty, report.events().get(0).key(), event.path("type").asText());
        }
        return stored;
    }

    private void raise(Alert a) {
        transactions.inTransaction(tx -> alerts.raise(tx, a));
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}

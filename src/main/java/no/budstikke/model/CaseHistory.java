package no.budstikke.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link CaseFile} from a case's events. Pure: no I/O, no clock.
 *
 * <p>The events are applied in <em>event-time</em> order (ties by arrival), whatever order they
 * arrived in: an event older than what the hub already knows takes its place in the history
 * instead of overwriting newer facts. A late {@code leave.applied} cannot reopen a leave already
 * decided, a late {@code arrived} cannot move the person back to an old centre.
 */
public final class CaseHistory {

    public static final String ARRIVED = "no.udi.mot.resident.arrived.v1";
    public static final String DEPARTED = "no.udi.mot.resident.departed.v1";
    public static final String TURNING_18 = "no.udi.mot.resident.turning-18.v1";
    public static final String LEAVE_APPLIED = "no.udi.mot.leave.applied.v1";
    public static final String LEAVE_DECIDED = "no.udi.mot.leave.decided.v1";
    public static final String LEAVE_OVERDUE = "no.udi.mot.leave.overdue.v1";
    public static final String MISSING = "no.udi.mot.resident.missing.v1";
    public static final String RETURNED = "no.udi.mot.resident.returned.v1";
    public static final String MAPPING_UPDATED = "no.udi.mot.mapping.updated.v1";
    public static final String CASE_DECIDED = "no.udi.duf.case.decided.v1";
    public static final String APPOINTMENT = "no.udi.duf.appointment.scheduled.v1";
    public static final String SETTLEMENT_DECIDED = "no.udi.duf.settlement.decided.v1";
    public static final String AGREEMENT_SIGNED = "no.udi.duf.amot.agreement-signed.v1";

    /** Events that open (or join) a disappearance episode: O19 treats an overdue return from leave as missing. */
    public static final Set<String> DISAPPEARANCES = Set.of(MISSING, LEAVE_OVERDUE);
    /** The duties whose offices count as told of a disappearance (DOMAIN.md O25: "told under O20–O24", and O19). */
    public static final Set<String> DISAPPEARANCE_DUTIES = Set.of("O19", "O20", "O21", "O22", "O23", "O24");

    public static final Comparator<CaseEvent> ORDER = Comparator.comparing(CaseEvent::time).thenComparingLong(CaseEvent::seq);

    private CaseHistory() {
    }

    /** The case file after every event in {@code events}; empty when there are none. */
    public static Optional<CaseFile> replay(String dufNumber, List<CaseEvent> events) {
        if (events.isEmpty()) return Optional.empty();
        List<CaseEvent> ordered = new ArrayList<>(events);
        ordered.sort(ORDER);
        Builder b = new Builder();
        ordered.forEach(b::apply);
        CaseEvent last = ordered.get(ordered.size() - 1);
        LocalDate eighteen = b.eighteenOn != null ? b.eighteenOn : b.birthDate == null ? null : b.birthDate.plusYears(18);
        return Optional.of(new CaseFile(dufNumber, last.key(), last.time(), b.person, b.caseContext, b.centre, b.birthDate,
                eighteen, b.episode == null ? List.of() : List.of(b.episode.build()), b.lastReturnKey,
                List.copyOf(b.leaves.values()), List.copyOf(b.agreements.values()), b.awaitingSince,
                List.copyOf(b.appointments.values()), b.mapping));
    }

    private static final class Builder {
        JsonNode person;
        JsonNode caseContext;
        CaseFile.Centre centre;
        LocalDate birthDate;
        LocalDate eighteenOn;
        OpenEpisode episode;
        String lastReturnKey;
        final Map<String, CaseFile.Leave> leaves = new LinkedHashMap<>();
        final Map<String, CaseFile.Agreement> agreements = new LinkedHashMap<>();
        Instant awaitingSince;
        final Map<String, CaseFile.Appointment> appointments = new LinkedHashMap<>();
        CaseFile.Mapping mapping;

        void apply(CaseEvent e) {
            JsonNode data = e.data();
            JsonNode p = data.path("person");
            if (p.isObject()) {
                person = p;
                date(p.path("birthDate")).ifPresent(d -> birthDate = d);
            }
            JsonNode context = data.path("caseContext");
            if (context.isObject()) {
                caseContext = context;
                JsonNode awaiting = context.path("awaitingSettlement");
                if (awaiting.isBoolean()) awaiting(awaiting.asBoolean(), e.time());
                JsonNode list = context.path("appointments");
                if (list.isArray()) {
                    // A caseContext lists the appointments as its sender knows them: it replaces, it does not add.
                    appointments.clear();
                    list.forEach(a -> appointment(a.path("kind"), a.path("at")));
                }
            }
            JsonNode c = data.path("centre");
            if (c.isObject()) centre(c, e.time());
            switch (e.type()) {
                case DEPARTED -> {
                    if (data.path("toCentre").isObject()) centre(data.path("toCentre"), e.time());
                }
                case TURNING_18 -> date(data.path("eighteenOn")).ifPresent(d -> eighteenOn = d);
                case LEAVE_APPLIED -> text(data.path("leaveId")).ifPresent(id -> leaves.put(id, new CaseFile.Leave(id, e.key(), e.time())));
                case LEAVE_DECIDED -> text(data.path("leaveId")).ifPresent(leaves::remove);
                case MISSING, LEAVE_OVERDUE -> {
                    if (episode == null) episode = new OpenEpisode(e.key(), e.time());
                    episode.join(e);
                    lastReturnKey = null;
                }
                case RETURNED -> {
                    if (episode != null) {
                        episode = null;
                        lastReturnKey = e.key();
                    }
                }
                case MAPPING_UPDATED -> mapping = new CaseFile.Mapping(e.time(), data.path("newInformation").asBoolean(true), e.key());
                case CASE_DECIDED -> {
                    if ("residence_permit_settlement".equals(data.path("decision").asText())) {
                        // O37: a permit that grounds settlement ends the AMOT agreement; the wait for settlement starts.
                        agreements.clear();
                        awaiting(true, instant(data.path("decidedAt")).orElse(e.time()));
                    }
                }
                case SETTLEMENT_DECIDED -> {
                    agreements.clear();
                    awaiting(false, e.time());
                }
                case APPOINTMENT -> appointment(data.path("kind"), data.path("at"));
                case AGREEMENT_SIGNED -> text(data.path("agreementId")).ifPresent(id -> agreements.put(id, new CaseFile.Agreement(id,
                        text(data.path("municipalityNumber")).orElse(null), instant(data.path("signedAt")).orElse(e.time()), e.key())));
                default -> {
                }
            }
        }

        private void awaiting(boolean yes, Instant at) {
            if (!yes) awaitingSince = null;
            else if (awaitingSince == null || at.isBefore(awaitingSince)) awaitingSince = at;
        }

        private void centre(JsonNode block, Instant at) {
            Optional<String> id = text(block.path("id"));
            if (id.isEmpty()) return;
            if (centre != null && centre.id().equals(id.get())) at = centre.since();
            centre = new CaseFile.Centre(id.get(), text(block.path("municipalityNumber")).orElse(null), at, block);
        }

        private void appointment(JsonNode kind, JsonNode at) {
            Optional<Instant> when = instant(at);
            Optional<String> what = text(kind);
            if (when.isPresent() && what.isPresent()) {
                appointments.put(what.get() + "@" + when.get(), new CaseFile.Appointment(what.get(), when.get()));
            }
        }
    }

    private static final class OpenEpisode {
        final String openedBy;
        final Instant openedAt;
        final List<String> reports = new ArrayList<>();
        final Map<String, Office> told = new LinkedHashMap<>();

        OpenEpisode(String openedBy, Instant openedAt) {
            this.openedBy = openedBy;
            this.openedAt = openedAt;
        }

        void join(CaseEvent e) {
            reports.add(e.key());
            e.told().forEach(o -> told.putIfAbsent(o.role() + "|" + o.id(), o));
        }

        CaseFile.Episode build() {
            return new CaseFile.Episode(openedBy, openedAt, List.copyOf(reports), List.copyOf(told.values()));
        }
    }

    static Optional<String> text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
    }

    static Optional<LocalDate> date(JsonNode n) {
        try {
            return text(n).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> instant(JsonNode n) {
        try {
            return text(n).map(t -> OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

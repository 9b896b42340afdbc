package no.budstikke.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the hub knows of one case (one DUF number), as of its newest event: the result of
 * {@link CaseHistory#replay}. Personal data: it is stored and shown to ops, never logged.
 *
 * @param person           the newest {@code data.person} block
 * @param caseContext      the newest {@code data.caseContext} block (absent means unknown)
 * @param centre           the last known centre ({@code data.centre}, or {@code data.toCentre} after a departure)
 * @param eighteenOn       the 18th birthday: from a turning-18 event, else from the birth date
 * @param openEpisodes     disappearances not yet closed by a return (at most one: a second report joins it)
 * @param lastReturnKey    the return that closed the last episode, while no new one is open: a second
 *                         return is then a repeat, not news
 * @param awaitingSettlementSince since when the person has awaited settlement; null when not
 * @param lastMapping      the newest mapping update: its time and whether it brought new information
 */
public record CaseFile(
        String dufNumber,
        String lastEventKey,
        Instant lastEventTime,
        JsonNode person,
        JsonNode caseContext,
        Centre centre,
        LocalDate birthDate,
        LocalDate eighteenOn,
        List<Episode> openEpisodes,
        String lastReturnKey,
        List<Leave> pendingLeaves,
        List<Agreement> agreements,
        Instant awaitingSettlementSince,
        List<Appointment> appointments,
        Mapping lastMapping) {

    public record Centre(String id, String municipalityNumber, Instant since, JsonNode block) {
    }

    /** A disappearance: opened by a missing (or overdue-from-leave) event, and who was told of it. */
    public record Episode(String openedBy, Instant openedAt, List<String> reports, List<Office> told) {
    }

    public record Leave(String leaveId, String eventKey, Instant appliedAt) {
    }

    public record Agreement(String agreementId, String municipalityNumber, Instant signedAt, String eventKey) {
    }

    public record Appointment(String kind, Instant at) {
    }

    public record Mapping(Instant at, boolean newInformation, String eventKey) {
    }

    public Optional<Episode> openEpisode() {
        return openEpisodes.isEmpty() ? Optional.empty() : Optional.of(openEpisodes.get(openEpisodes.size() - 1));
    }

    /** The newest running AMOT agreement, if any. */
    public Optional<Agreement> activeAgreement() {
        return agreements.isEmpty() ? Optional.empty() : Optional.of(agreements.get(agreements.size() - 1));
    }

    /** The whole file as JSON, for the case_file table and the ops API. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        n.put("dufNumber", dufNumber).put("lastEventKey", lastEventKey).put("lastEventTime", text(lastEventTime));
        if (person != null) n.set("person", person);
        if (caseContext != null) n.set("caseContext", caseContext);
        if (centre != null) {
            n.putObject("lastCentre").put("id", centre.id()).put("municipalityNumber", centre.municipalityNumber())
                    .put("since", text(centre.since())).set("block", centre.block());
        }
        if (birthDate != null) n.put("birthDate", birthDate.toString());
        if (eighteenOn != null) n.put("eighteenOn", eighteenOn.toString());
        ArrayNode episodes = n.putArray("openEpisodes");
        for (Episode e : openEpisodes) {
            ObjectNode o = episodes.addObject().put("openedBy", e.openedBy()).put("openedAt", text(e.openedAt()));
            ArrayNode reports = o.putArray("reports");
            e.reports().forEach(reports::add);
            ArrayNode told = o.putArray("told");
            e.told().forEach(t -> told.addObject().put("officeId", t.id()).put("role", t.role().name())
                    .put("name", t.name()).put("channel", t.channel().name()));
        }
        if (lastReturnKey != null) n.put("lastReturnKey", lastReturnKey);
        ArrayNode leaves = n.putArray("pendingLeaves");
        pendingLeaves.forEach(l -> leaves.addObject().put("leaveId", l.leaveId()).put("eventKey", l.eventKey())
                .put("appliedAt", text(l.appliedAt())));
        ArrayNode agr = n.putArray("activeAgreements");
        agreements.forEach(a -> agr.addObject().put("agreementId", a.agreementId()).put("municipalityNumber", a.municipalityNumber())
                .put("signedAt", text(a.signedAt())).put("eventKey", a.eventKey()));
        if (awaitingSettlementSince != null) n.put("awaitingSettlementSince", text(awaitingSettlementSince));
        ArrayNode app = n.putArray("appointments");
        appointments.forEach(a -> app.addObject().put("kind", a.kind()).put("at", text(a.at())));
        if (lastMapping != null) {
            n.putObject("lastMapping").put("at", text(lastMapping.at())).put("newInformation", lastMapping.newInformation())
                    .put("eventKey", lastMapping.eventKey());
        }
        return n;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}

package no.budstikke.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import no.budstikke.model.CaseState;
import no.budstikke.model.Where;

/** Which municipality number an event gives for a {@link Where}. */
public final class Places {

    private Places() {
    }

    /**
     * The municipality number the event (or, for AMOT, the case) gives for {@code where}; empty when
     * it gives none. TO_CENTRE gives the receiving centre's municipality; NATIONAL and EVENT_CONTACT
     * name no municipality.
     */
    public static Optional<String> municipalityNumber(Where where, JsonNode event, CaseState caseState) {
        JsonNode data = event.path("data");
        return switch (where) {
            case CENTRE -> text(data.path("centre").path("municipalityNumber"));
            case DESTINATION -> text(data.path("address").path("municipalityNumber"));
            case KNOWN_WHEREABOUTS -> text(data.path("knownWhereabouts").path("municipalityNumber"));
            case SETTLEMENT -> text(data.path("settlementMunicipalityNumber"));
            case LEAVE_DESTINATION -> text(data.path("destination").path("municipalityNumber"));
            case TO_CENTRE -> text(data.path("toCentre").path("municipalityNumber"));
            case AMOT -> text(data.path("municipalityNumber")).or(() -> amotFact(caseState));
            case NATIONAL, EVENT_CONTACT, EPISODE -> Optional.empty();
        };
    }

    /** Where in the event (or case) {@link #municipalityNumber} looks, for messages to ops. */
    public static String describe(Where where) {
        return switch (where) {
            case CENTRE -> "data.centre.municipalityNumber";
            case DESTINATION -> "data.address.municipalityNumber";
            case KNOWN_WHEREABOUTS -> "data.knownWhereabouts.municipalityNumber";
            case SETTLEMENT -> "data.settlementMunicipalityNumber";
            case LEAVE_DESTINATION -> "data.destination.municipalityNumber";
            case TO_CENTRE -> "data.toCentre.id";
            case AMOT -> "data.municipalityNumber or case:amotMunicipality";
            case NATIONAL -> "the whole country";
            case EVENT_CONTACT -> "a person named in data.caseContext";
            case EPISODE -> "the offices told of the open disappearance";
        };
    }

    private static Optional<String> amotFact(CaseState caseState) {
        if (caseState == null) return Optional.empty();
        return caseState.fact("amotMunicipality").map(String::valueOf).filter(s -> !s.isBlank());
    }

    static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}

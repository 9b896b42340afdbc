package no.budstikke.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import no.budstikke.contract.ContractValidator;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.model.CaseEvent;
import no.budstikke.model.CaseHistory;
import org.junit.jupiter.api.Test;

/** The hub's own events: valid against the contract, built from the case file, ids without personal data. */
class HubEventsTest {

    private static final ContractValidator CONTRACT = ContractValidator.fromClasspath();
    private static final String DUF = "202501010001";
    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void theTurningEighteenEventCarriesTheNewestPersonCentreAndCaseContext() {
        ObjectNode older = Fixtures.valid("no.udi.mot.resident.arrived.v1");
        Fixtures.set(older, "/data/caseContext/childWelfareCaseOpen", false);
        ObjectNode newer = Fixtures.valid("no.udi.mot.resident.departed.v1");
        Fixtures.set(newer, "/data/caseContext/childWelfareCaseOpen", true);
        Fixtures.set(newer, "/data/person/givenName", "Nyeste");
        JsonNode state = state(older, newer);

        ObjectNode event = HubEvents.turning18(HubEvents.turning18Id(DUF, LocalDate.parse("2028-01-01")), AT, state,
                LocalDate.parse("2028-01-01")).orElseThrow();

        assertThat(CONTRACT.validateEvent(event)).isEmpty();
        assertThat(event.path("source").asText()).isEqualTo("urn:no:budstikke:schedule");
        assertThat(event.path("type").asText()).isEqualTo("no.udi.mot.resident.turning-18.v1");
        assertThat(event.path("time").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(event.at("/data/eighteenOn").asText()).isEqualTo("2028-01-01");
        assertThat(event.at("/data/person/givenName").asText()).isEqualTo("Nyeste");
        assertThat(event.at("/data/caseContext/childWelfareCaseOpen").asBoolean()).isTrue();
        // departed: the person now lives in the centre moved to
        assertThat(event.at("/data/centre")).isEqualTo(newer.at("/data/toCentre"));
    }

    @Test
    void aCopiedCaseContextSaysWhetherThePersonAwaitsSettlementAsTheHubKnowsItNow() {
        ObjectNode waiting = Fixtures.valid("no.udi.mot.resident.arrived.v1");
        Fixtures.set(waiting, "/data/caseContext/awaitingSettlement", true);
        ObjectNode settled = Fixtures.valid("no.udi.duf.settlement.decided.v1");
        Fixtures.set(settled, "/time", "2026-12-01T12:00:00+01:00");
        JsonNode state = state(waiting, settled);

        ObjectNode event = HubEvents.turning18("turning-18-x", AT, state, LocalDate.parse("2028-01-01")).orElseThrow();

        assertThat(event.at("/data/caseContext/awaitingSettlement").asBoolean(true)).isFalse();
    }

    @Test
    void withoutACentreNoMotEventCanBeMade() {
        JsonNode state = state(Fixtures.valid("no.udi.duf.case.decided.v1"));
        assertThat(HubEvents.turning18("turning-18-x", AT, state, LocalDate.parse("2028-01-01"))).isEmpty();
        assertThat(HubEvents.settlementUpdate("settlement-update-x", AT, state, null)).isEmpty();
    }

    @Test
    void theNothingNewConfirmationResendsTheLastMappingAndSaysThePersonAwaitsSettlement() {
        ObjectNode mapping = Fixtures.valid("no.udi.mot.mapping.updated.v1");
        JsonNode state = state(mapping);

        ObjectNode event = HubEvents.settlementUpdate("settlement-update-x", AT, state, mapping.path("data")).orElseThrow();

        assertThat(CONTRACT.validateEvent(event)).isEmpty();
        assertThat(event.path("type").asText()).isEqualTo("no.udi.mot.mapping.updated.v1");
        assertThat(event.at("/data/newInformation").asBoolean(true)).isFalse();
        assertThat(event.at("/data/caseContext/awaitingSettlement").asBoolean()).isTrue();
        assertThat(event.at("/data/mappingSummary")).isEqualTo(mapping.at("/data/mappingSummary"));
        assertThat(event.at("/data/actionPlan")).isEqualTo(mapping.at("/data/actionPlan"));
    }

    @Test
    void withoutAKnownMappingTheConfirmationSaysSo() {
        ObjectNode event = HubEvents.settlementUpdate("settlement-update-x", AT, state(Fixtures.valid("no.udi.mot.resident.arrived.v1")),
                null).orElseThrow();

        assertThat(CONTRACT.validateEvent(event)).isEmpty();
        assertThat(event.at("/data/mappingSummary").asText()).isEqualTo(HubEvents.NO_MAPPING);
        assertThat(event.at("/data/actionPlan").asText()).isEqualTo(HubEvents.NO_ACTION_PLAN);
    }

    @Test
    void idsAreTheSameForTheSameDutyDifferForAnotherAndHoldNoPersonalData() {
        LocalDate eighteen = LocalDate.parse("2028-01-01");
        String id = HubEvents.turning18Id(DUF, eighteen);
        assertThat(id).isEqualTo(HubEvents.turning18Id(DUF, eighteen)).matches("turning-18-[0-9a-f]{16}");
        assertThat(id).doesNotContain(DUF).doesNotContain("2028").doesNotContain("2010");
        assertThat(HubEvents.turning18Id(DUF, eighteen.plusDays(1))).isNotEqualTo(id);
        assertThat(HubEvents.turning18Id("202501010002", eighteen)).isNotEqualTo(id);

        Instant anchor = Instant.parse("2027-01-10T11:00:00Z");
        String update = HubEvents.settlementUpdateId(DUF, anchor);
        assertThat(update).matches("settlement-update-[0-9a-f]{16}")
                .isEqualTo(HubEvents.settlementUpdateId(DUF, anchor.plusMillis(300)))
                .isNotEqualTo(HubEvents.settlementUpdateId(DUF, anchor.plusSeconds(1)));
    }

    /** The case file's JSON after these events, as the case_file table holds it. */
    private static JsonNode state(ObjectNode... events) {
        List<CaseEvent> list = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            ObjectNode e = events[i];
            list.add(new CaseEvent("key" + i, e.path("type").asText(), OffsetDateTime.parse(e.path("time").asText()).toInstant(), i,
                    e.path("data"), List.of()));
        }
        return CaseHistory.replay(DUF, list).orElseThrow().toJson();
    }
}

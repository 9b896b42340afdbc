package no.budstikke.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import no.budstikke.model.CaseEvent;
import no.budstikke.model.CaseFile;
import no.budstikke.model.CaseHistory;
import no.budstikke.model.Channel;
import no.budstikke.model.Office;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;
import org.junit.jupiter.api.Test;

class CaseHistoryTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DUF = "202400000001";
    static final Serves NOWHERE = new Serves(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    static final Office POLICE = new Office("police-oslo", Role.POLICE_DISTRICT, "Oslo politidistrikt", Channel.MAIL, "p@x", NOWHERE, false);
    static final Office UDI = new Office("udi-region-ost", Role.UDI_REGIONAL, "UDI Øst", Channel.HTTP, "https://udi", NOWHERE, false);
    static final Office BARNEVERN = new Office("barnevern-bergen", Role.BARNEVERN, "Barnevernet Bergen", Channel.SFTP, "sftp://b", NOWHERE, false);

    final List<CaseEvent> events = new ArrayList<>();
    long seq;

    CaseEvent add(String type, String time, String data, Office... told) {
        try {
            CaseEvent e = new CaseEvent("key" + (++seq), type, Instant.parse(time), seq, JSON.readTree(data), List.of(told));
            events.add(e);
            return e;
        } catch (Exception ex) {
            throw new IllegalArgumentException(ex);
        }
    }

    CaseFile replay() {
        return CaseHistory.replay(DUF, events).orElseThrow();
    }

    static String centre(String id, String municipality) {
        return "{\"id\":\"" + id + "\",\"name\":\"Mottak " + id + "\",\"municipalityNumber\":\"" + municipality + "\",\"kind\":\"minors\"}";
    }

    @Test
    void anOlderEventArrivingLateDoesNotOverwriteNewerFacts() {
        add(CaseHistory.ARRIVED, "2026-03-01T10:00:00Z", "{\"person\":{\"givenName\":\"Amina\",\"birthDate\":\"2010-05-01\"},"
                + "\"centre\":" + centre("C-0301-01", "0301") + "}");
        add(CaseHistory.DEPARTED, "2026-04-01T10:00:00Z", "{\"person\":{\"givenName\":\"Amina\",\"birthDate\":\"2010-05-02\"},"
                + "\"centre\":" + centre("C-0301-01", "0301") + ",\"toCentre\":" + centre("C-4601-02", "4601") + "}");
        // Arrives last, happened first: an old arrival at another centre with an old spelling of the name.
        add(CaseHistory.ARRIVED, "2026-01-15T10:00:00Z", "{\"person\":{\"givenName\":\"Aminah\",\"birthDate\":\"2010-05-01\"},"
                + "\"centre\":" + centre("C-3403-01", "3403") + "}");

        CaseFile f = replay();

        assertThat(f.centre().id()).isEqualTo("C-4601-02");
        assertThat(f.centre().municipalityNumber()).isEqualTo("4601");
        assertThat(f.person().path("givenName").asText()).isEqualTo("Amina");
        assertThat(f.birthDate()).isEqualTo(LocalDate.parse("2010-05-02"));
        assertThat(f.lastEventKey()).isEqualTo("key2");
    }

    @Test
    void aDisappearanceCollectsEveryOfficeToldUntilTheReturnClosesIt() {
        CaseEvent missing = add(CaseHistory.MISSING, "2026-03-01T22:00:00Z", "{}", UDI, POLICE);
        add(CaseHistory.MISSING, "2026-03-02T08:00:00Z", "{}", UDI, BARNEVERN); // a second report of the same disappearance

        CaseFile open = replay();
        assertThat(open.openEpisodes()).hasSize(1);
        assertThat(open.openEpisode().orElseThrow().openedBy()).isEqualTo(missing.key());
        assertThat(open.openEpisode().orElseThrow().told()).extracting(Office::id)
                .containsExactly("udi-region-ost", "police-oslo", "barnevern-bergen");
        assertThat(open.lastReturnKey()).isNull();

        CaseEvent back = add(CaseHistory.RETURNED, "2026-03-03T12:00:00Z", "{}");
        add(CaseHistory.RETURNED, "2026-03-03T13:00:00Z", "{}"); // a repeat changes nothing
        CaseFile closed = replay();
        assertThat(closed.openEpisodes()).isEmpty();
        assertThat(closed.lastReturnKey()).isEqualTo(back.key());

        add(CaseHistory.LEAVE_OVERDUE, "2026-05-01T18:00:00Z", "{\"leaveId\":\"L-1\"}", POLICE);
        CaseFile again = replay();
        assertThat(again.openEpisode().orElseThrow().told()).extracting(Office::id).containsExactly("police-oslo");
        assertThat(again.lastReturnKey()).isNull();
    }

    @Test
    void aLateReturnClosesTheDisappearanceItBelongsToNotTheNewerOne() {
        add(CaseHistory.MISSING, "2026-03-01T22:00:00Z", "{}", POLICE);
        CaseEvent second = add(CaseHistory.MISSING, "2026-04-01T22:00:00Z", "{}", BARNEVERN);
        // The return from the first disappearance reaches the hub after the second was reported.
        CaseEvent back = add(CaseHistory.RETURNED, "2026-03-05T12:00:00Z", "{}");

        CaseFile f = replay();
        assertThat(f.openEpisode().orElseThrow().openedBy()).isEqualTo(second.key());
        assertThat(f.openEpisode().orElseThrow().told()).extracting(Office::id).containsExactly("barnevern-bergen");
        // As the return found the case, the first disappearance was open: O25 goes to its offices.
        CaseFile asFound = CaseHistory.replay(DUF, events.stream().filter(e -> CaseHistory.ORDER.compare(e, back) < 0).toList())
                .orElseThrow();
        assertThat(asFound.openEpisode().orElseThrow().told()).extracting(Office::id).containsExactly("police-oslo");
    }

    @Test
    void aReturnWithoutADisappearanceOpensAndClosesNothing() {
        add(CaseHistory.RETURNED, "2026-03-03T12:00:00Z", "{}");
        CaseFile f = replay();
        assertThat(f.openEpisodes()).isEmpty();
        assertThat(f.lastReturnKey()).isNull();
    }

    @Test
    void leavesArePendingUntilDecidedWhateverOrderTheyArriveIn() {
        add(CaseHistory.LEAVE_APPLIED, "2026-06-01T10:00:00Z", "{\"leaveId\":\"L-1\"}");
        add(CaseHistory.LEAVE_APPLIED, "2026-06-02T10:00:00Z", "{\"leaveId\":\"L-2\"}");
        add(CaseHistory.LEAVE_DECIDED, "2026-06-03T10:00:00Z", "{\"leaveId\":\"L-1\",\"decision\":\"granted\"}");
        add(CaseHistory.LEAVE_DECIDED, "2026-06-05T10:00:00Z", "{\"leaveId\":\"L-3\",\"decision\":\"refused\"}");
        add(CaseHistory.LEAVE_APPLIED, "2026-06-04T10:00:00Z", "{\"leaveId\":\"L-3\"}"); // applied before it was decided, arrives after

        assertThat(replay().pendingLeaves()).extracting(CaseFile.Leave::leaveId).containsExactly("L-2");
    }

    @Test
    void anAmotAgreementRunsUntilAPermitThatGroundsSettlement() {
        add(CaseHistory.AGREEMENT_SIGNED, "2026-02-01T10:00:00Z",
                "{\"agreementId\":\"A-1\",\"municipalityNumber\":\"3403\",\"signedAt\":\"2026-02-01T09:00:00+01:00\"}");
        CaseFile running = replay();
        assertThat(running.activeAgreement().orElseThrow().municipalityNumber()).isEqualTo("3403");
        assertThat(running.activeAgreement().orElseThrow().signedAt()).isEqualTo(Instant.parse("2026-02-01T08:00:00Z"));
        assertThat(running.awaitingSettlementSince()).isNull();

        add(CaseHistory.CASE_DECIDED, "2026-04-10T10:00:00Z",
                "{\"decision\":\"residence_permit_settlement\",\"decidedAt\":\"2026-04-09T12:00:00Z\"}");
        CaseFile decided = replay();
        assertThat(decided.agreements()).isEmpty();
        assertThat(decided.awaitingSettlementSince()).isEqualTo(Instant.parse("2026-04-09T12:00:00Z"));

        add(CaseHistory.SETTLEMENT_DECIDED, "2026-08-01T10:00:00Z", "{\"settlementMunicipalityNumber\":\"5001\"}");
        assertThat(replay().awaitingSettlementSince()).isNull();
    }

    @Test
    void aFinalRejectionLeavesTheAgreementRunning() {
        add(CaseHistory.AGREEMENT_SIGNED, "2026-02-01T10:00:00Z", "{\"agreementId\":\"A-1\",\"municipalityNumber\":\"3403\"}");
        add(CaseHistory.CASE_DECIDED, "2026-04-10T10:00:00Z", "{\"decision\":\"final_rejection\"}");
        assertThat(replay().activeAgreement()).isPresent();
    }

    @Test
    void awaitingSettlementKeepsItsFirstDayAndEndsWhenTheContextSaysNo() {
        add(CaseHistory.MAPPING_UPDATED, "2026-05-01T10:00:00Z", "{\"caseContext\":{\"awaitingSettlement\":true},\"newInformation\":true}");
        add(CaseHistory.MAPPING_UPDATED, "2026-06-01T10:00:00Z", "{\"caseContext\":{\"awaitingSettlement\":true},\"newInformation\":false}");
        CaseFile f = replay();
        assertThat(f.awaitingSettlementSince()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
        assertThat(f.lastMapping().at()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
        assertThat(f.lastMapping().newInformation()).isFalse();

        add(CaseHistory.ARRIVED, "2026-07-01T10:00:00Z", "{\"caseContext\":{\"awaitingSettlement\":false}}");
        assertThat(replay().awaitingSettlementSince()).isNull();
    }

    @Test
    void appointmentsAreAddedByDufAndReplacedByACentresContext() {
        add(CaseHistory.APPOINTMENT, "2026-05-01T10:00:00Z", "{\"kind\":\"asylum_interview\",\"at\":\"2026-06-01T09:00:00+02:00\"}");
        assertThat(replay().appointments()).extracting(CaseFile.Appointment::kind).containsExactly("asylum_interview");
        add(CaseHistory.MISSING, "2026-05-02T10:00:00Z",
                "{\"caseContext\":{\"appointments\":[{\"kind\":\"age_assessment\",\"at\":\"2026-05-20T09:00:00+02:00\"}]}}");
        assertThat(replay().appointments()).extracting(CaseFile.Appointment::kind).containsExactly("age_assessment");
    }

    @Test
    void theEighteenthBirthdayComesFromTheTurning18EventElseTheBirthDate() {
        add(CaseHistory.ARRIVED, "2026-01-01T10:00:00Z", "{\"person\":{\"birthDate\":\"2008-02-29\"}}");
        assertThat(replay().eighteenOn()).isEqualTo(LocalDate.parse("2026-02-28"));
        add(CaseHistory.TURNING_18, "2026-01-05T10:00:00Z", "{\"eighteenOn\":\"2026-03-01\"}");
        assertThat(replay().eighteenOn()).isEqualTo(LocalDate.parse("2026-03-01"));
    }

    @Test
    void theFileAsJsonNamesWhoWasToldButKeepsTheirAddressesOut() {
        add(CaseHistory.MISSING, "2026-03-01T22:00:00Z", "{}", POLICE);
        JsonNode json = replay().toJson();
        assertThat(json.at("/openEpisodes/0/told/0/officeId").asText()).isEqualTo("police-oslo");
        assertThat(json.toString()).doesNotContain("p@x");
    }

    @Test
    void noEventsNoFile() {
        assertThat(CaseHistory.replay(DUF, List.of())).isEmpty();
    }
}

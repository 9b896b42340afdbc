package no.budstikke.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.budstikke.dispatch.CaseFacts;
import no.budstikke.model.CaseHistory;
import no.budstikke.model.CaseState;
import no.budstikke.model.Office;
import org.junit.jupiter.api.Test;

class CaseFactsTest {

    final CaseHistoryTest history = new CaseHistoryTest();

    @Test
    void anUnknownCaseHasNoAgreementNoDisappearanceAndNoPendingLeave() {
        CaseState s = CaseFacts.of(Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"), false);
        assertThat(s.fact("activeAmotAgreement")).contains(false);
        assertThat(s.fact("openEpisode")).contains(false);
        assertThat(s.fact("pendingLeave")).contains(false);
        assertThat(s.fact("awaitingSettlement")).isEmpty();
        assertThat(s.fact("childWelfareCaseOpen")).isEmpty();
        assertThat(s.told()).isEmpty();
    }

    @Test
    void factsAndTheToldOfficesComeFromTheCaseFile() {
        history.add(CaseHistory.AGREEMENT_SIGNED, "2026-02-01T10:00:00Z", "{\"agreementId\":\"A-1\",\"municipalityNumber\":\"3403\"}");
        history.add(CaseHistory.LEAVE_APPLIED, "2026-02-02T10:00:00Z", "{\"leaveId\":\"L-1\"}");
        history.add(CaseHistory.MISSING, "2026-02-03T10:00:00Z", "{\"centre\":" + CaseHistoryTest.centre("C-0301-01", "0301")
                + ",\"caseContext\":{\"childWelfareCaseOpen\":true,\"awaitingSettlement\":true,"
                + "\"appointments\":[{\"kind\":\"asylum_interview\",\"at\":\"2026-02-05T09:00:00Z\"}]}}",
                CaseHistoryTest.POLICE, CaseHistoryTest.UDI);

        CaseState s = CaseFacts.of(Optional.of(history.replay()), Instant.parse("2026-02-04T00:00:00Z"), true);

        assertThat(s.fact("activeAmotAgreement")).contains(true);
        assertThat(s.fact("amotMunicipality")).contains("3403");
        assertThat(s.fact("openEpisode")).contains(true);
        assertThat(s.fact("pendingLeave")).contains(true);
        assertThat(s.fact("awaitingSettlement")).contains(true);
        assertThat(s.fact("childWelfareCaseOpen")).contains(true);
        assertThat(s.fact("upcomingAppointment")).contains(true);
        assertThat(s.fact("lastCentreMunicipality")).contains("0301");
        assertThat(s.fact("turning18Requested")).contains(true);
        assertThat(s.told()).extracting(Office::id).containsExactly("police-oslo", "udi-region-ost");

        CaseState later = CaseFacts.of(Optional.of(history.replay()), Instant.parse("2026-02-06T00:00:00Z"), false);
        assertThat(later.fact("upcomingAppointment")).contains(false);
    }

    @Test
    void afterTheReturnNoOfficeIsToldAgain() {
        history.add(CaseHistory.MISSING, "2026-02-03T10:00:00Z", "{}", CaseHistoryTest.POLICE);
        history.add(CaseHistory.RETURNED, "2026-02-04T10:00:00Z", "{}");
        CaseState s = CaseFacts.of(Optional.of(history.replay()), Instant.parse("2026-02-05T00:00:00Z"), false);
        assertThat(s.fact("openEpisode")).contains(false);
        assertThat(s.told()).isEmpty();
    }
}

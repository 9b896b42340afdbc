package no.budstikke.dispatch;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.model.CaseFile;
import no.budstikke.model.CaseState;

/**
 * The case as routing conditions see it ({@code case:<name>} in routing-rules.yaml): facts of the
 * case file as the event found it. Pure. A fact the hub does not know is absent, so that it never
 * equals anything.
 *
 * <ul>
 *   <li>{@code activeAmotAgreement} (boolean), {@code amotMunicipality} (its municipality number)</li>
 *   <li>{@code openEpisode}: a disappearance is open (O25 goes only then)</li>
 *   <li>{@code pendingLeave}: a leave application awaits its decision</li>
 *   <li>{@code awaitingSettlement}: the person awaits settlement</li>
 *   <li>{@code childWelfareCaseOpen}: as the newest caseContext says</li>
 *   <li>{@code upcomingAppointment}: an interview or age assessment after the event's time</li>
 *   <li>{@code lastCentreMunicipality}: the municipality of the last known centre</li>
 *   <li>{@code turning18Requested}: the turning-18 request (O9) was already decided for this person</li>
 * </ul>
 */
public final class CaseFacts {

    private CaseFacts() {
    }

    public static CaseState of(Optional<CaseFile> file, Instant eventTime, boolean turning18Requested) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("turning18Requested", turning18Requested);
        if (file.isEmpty()) {
            facts.put("activeAmotAgreement", false);
            facts.put("openEpisode", false);
            facts.put("pendingLeave", false);
            return new CaseState(facts, List.of());
        }
        CaseFile f = file.get();
        facts.put("activeAmotAgreement", f.activeAgreement().isPresent());
        f.activeAgreement().map(CaseFile.Agreement::municipalityNumber).ifPresent(m -> facts.put("amotMunicipality", m));
        facts.put("openEpisode", f.openEpisode().isPresent());
        facts.put("pendingLeave", !f.pendingLeaves().isEmpty());
        facts.put("awaitingSettlement", f.awaitingSettlementSince() != null);
        if (f.caseContext() != null && f.caseContext().path("childWelfareCaseOpen").isBoolean()) {
            facts.put("childWelfareCaseOpen", f.caseContext().path("childWelfareCaseOpen").asBoolean());
        }
        facts.put("upcomingAppointment", f.appointments().stream().anyMatch(a -> a.at().isAfter(eventTime)));
        if (f.centre() != null && f.centre().municipalityNumber() != null) {
            facts.put("lastCentreMunicipality", f.centre().municipalityNumber());
        }
        return new CaseState(facts, f.openEpisode().map(CaseFile.Episode::told).orElse(List.of()));
    }
}

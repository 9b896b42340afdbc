package no.budstikke.dispatch;

import static no.budstikke.dispatch.Fixtures.facts;
import static no.budstikke.dispatch.Fixtures.json;
import static no.budstikke.dispatch.Fixtures.municipality;
import static no.budstikke.dispatch.Fixtures.national;
import static no.budstikke.dispatch.Fixtures.office;
import static no.budstikke.dispatch.Fixtures.sampleDirectory;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.budstikke.dispatch.Recipients.Gap;
import no.budstikke.dispatch.Recipients.Resolution;
import no.budstikke.dispatch.Recipients.Resolved;
import no.budstikke.model.CaseState;
import no.budstikke.model.Channel;
import no.budstikke.model.Directory;
import no.budstikke.model.Office;
import no.budstikke.model.Role;
import no.budstikke.model.Where;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    private final Recipients recipients = new Recipients(sampleDirectory());

    private static JsonNode event(String data) {
        return json("{\"type\": \"t\", \"time\": \"2026-11-20T12:00:00+01:00\", \"data\": " + data + "}");
    }

    private static final JsonNode MISSING_WITH_WHEREABOUTS = event("""
            {"centre": {"id": "C-0301-01", "name": "Tonsenhagen", "municipalityNumber": "0301", "kind": "minors"},
             "knownWhereabouts": {"street": "Kirkegata 3", "postalCode": "4006", "postTown": "Stavanger", "municipalityNumber": "1103"}}""");

    private static final JsonNode CENTRE_ONLY = event("""
            {"centre": {"id": "C-0301-01", "name": "Tonsenhagen", "municipalityNumber": "0301", "kind": "minors"}}""");

    private Resolution resolve(Role role, JsonNode event, Where... where) {
        return recipients.resolve(role, List.of(where), event, CaseState.UNKNOWN);
    }

    private static String officeId(Resolution r) {
        assertThat(r).isInstanceOf(Resolved.class);
        return ((Resolved) r).office().id();
    }

    private static String gap(Resolution r) {
        assertThat(r).isInstanceOf(Gap.class);
        return ((Gap) r).reason();
    }

    @Test
    void centresMunicipalityResolvesThroughTheReferenceData() {
        assertThat(officeId(resolve(Role.STATSFORVALTER, CENTRE_ONLY, Where.CENTRE))).isEqualTo("sf-03");
        assertThat(officeId(resolve(Role.BARNEVERN, CENTRE_ONLY, Where.CENTRE))).isEqualTo("barnevern-0301");
        assertThat(officeId(resolve(Role.POLICE_DISTRICT, CENTRE_ONLY, Where.CENTRE))).isEqualTo("police-oslo");
        assertThat(officeId(resolve(Role.UDI_REGIONAL, CENTRE_ONLY, Where.CENTRE))).isEqualTo("udi-ost");
        assertThat(officeId(resolve(Role.IMDI, CENTRE_ONLY, Where.CENTRE))).isEqualTo("imdi-ost");
    }

    @Test
    void theFirstPlaceTheEventProvidesIsUsed() {
        assertThat(officeId(resolve(Role.BARNEVERN, MISSING_WITH_WHEREABOUTS, Where.KNOWN_WHEREABOUTS, Where.CENTRE)))
                .isEqualTo("barnevern-1103");
        assertThat(officeId(resolve(Role.BARNEVERN, CENTRE_ONLY, Where.KNOWN_WHEREABOUTS, Where.CENTRE)))
                .isEqualTo("barnevern-0301");
        assertThat(officeId(resolve(Role.BARNEVERN, MISSING_WITH_WHEREABOUTS, Where.CENTRE, Where.KNOWN_WHEREABOUTS)))
                .isEqualTo("barnevern-0301");
    }

    @Test
    void aProvidedMunicipalityWithoutAnOfficeIsAGapNotAFallback() {
        JsonNode whereaboutsInTromso = event("""
                {"centre": {"id": "C-0301-01", "name": "x", "municipalityNumber": "0301", "kind": "minors"},
                 "knownWhereabouts": {"street": "Storgata 1", "postalCode": "9008", "postTown": "Tromsø", "municipalityNumber": "5501"}}""");
        String reason = gap(resolve(Role.BARNEVERN, whereaboutsInTromso, Where.KNOWN_WHEREABOUTS, Where.CENTRE));
        assertThat(reason).contains("BARNEVERN", "5501", "KNOWN_WHEREABOUTS", "no BARNEVERN office")
                .doesNotContain("Storgata", "Tromsø", "9008");
    }

    @Test
    void aMunicipalityMissingFromTheReferenceDataIsAGap() {
        JsonNode unknown = event("{\"settlementMunicipalityNumber\": \"9999\"}");
        assertThat(gap(resolve(Role.MUNICIPALITY, unknown, Where.SETTLEMENT)))
                .contains("9999", "reference data", "MUNICIPALITY");
    }

    @Test
    void aMunicipalityNumberThatIsNotFourDigitsIsNotEchoed() {
        JsonNode odd = event("{\"address\": {\"municipalityNumber\": \"Kari Nordmann\"}}");
        assertThat(gap(resolve(Role.BARNEVERN, odd, Where.DESTINATION))).doesNotContain("Kari").contains("not four digits");
    }

    @Test
    void twoOfficesServingTheSameMunicipalityAreAmbiguous() {
        Directory d = sampleDirectory();
        List<Office> offices = new ArrayList<>(d.offices());
        offices.add(office("school-0301-adult", Role.SCHOOL, Fixtures.municipalities("0301")));
        Recipients ambiguous = new Recipients(new Directory(d.municipalities(), offices));
        String reason = gap(ambiguous.resolve(Role.SCHOOL, List.of(Where.CENTRE), CENTRE_ONLY, CaseState.UNKNOWN));
        assertThat(reason).contains("2 SCHOOL offices", "0301", "school-0301", "school-0301-adult", "exactly one");
    }

    @Test
    void everyPlaceTheEventNamesResolvesItsOwnMunicipality() {
        JsonNode e = event("""
                {"address": {"municipalityNumber": "4601"},
                 "destination": {"municipalityNumber": "1103"},
                 "settlementMunicipalityNumber": "5001",
                 "municipalityNumber": "3403"}""");
        assertThat(officeId(resolve(Role.BARNEVERN, e, Where.DESTINATION))).isEqualTo("barnevern-4601");
        assertThat(officeId(resolve(Role.POLICE_DISTRICT, e, Where.LEAVE_DESTINATION))).isEqualTo("police-sor-vest");
        assertThat(officeId(resolve(Role.MUNICIPALITY, e, Where.SETTLEMENT))).isEqualTo("municipality-5001");
        assertThat(officeId(resolve(Role.MUNICIPALITY, e, Where.AMOT))).isEqualTo("municipality-3403");
    }

    @Test
    void amotFallsBackToTheCasesActiveAgreement() {
        JsonNode decided = event("{\"decision\": \"final_rejection\"}");
        Resolution r = recipients.resolve(Role.MUNICIPALITY, List.of(Where.AMOT), decided,
                facts("activeAmotAgreement", true, "amotMunicipality", "3403"));
        assertThat(officeId(r)).isEqualTo("municipality-3403");
        assertThat(gap(resolve(Role.MUNICIPALITY, decided, Where.AMOT))).contains("AMOT", "case:amotMunicipality");
    }

    @Test
    void theEventsOwnAmotMunicipalityWinsOverTheCaseFact() {
        JsonNode e = event("{\"municipalityNumber\": \"4601\"}");
        Resolution r = recipients.resolve(Role.MUNICIPALITY, List.of(Where.AMOT), e, facts("amotMunicipality", "3403"));
        assertThat(officeId(r)).isEqualTo("municipality-4601");
    }

    @Test
    void nationalRolesResolveToTheOneNationalOffice() {
        assertThat(officeId(resolve(Role.PU, CENTRE_ONLY, Where.NATIONAL))).isEqualTo("pu");
        assertThat(gap(resolve(Role.PERSON, CENTRE_ONLY, Where.NATIONAL))).contains("no PERSON office", "NATIONAL");
        Directory d = sampleDirectory();
        List<Office> offices = new ArrayList<>(d.offices());
        offices.add(office("pu-2", Role.PU, national()));
        Recipients two = new Recipients(new Directory(d.municipalities(), offices));
        assertThat(gap(two.resolve(Role.PU, List.of(Where.NATIONAL), CENTRE_ONLY, CaseState.UNKNOWN))).contains("2 PU offices", "pu, pu-2");
    }

    @Test
    void theReceivingCentreIsTheOfficeThatStandsForIt() {
        JsonNode departed = event("{\"toCentre\": {\"id\": \"C-4601-02\", \"municipalityNumber\": \"4601\"}}");
        assertThat(officeId(resolve(Role.RECEPTION_CENTRE, departed, Where.TO_CENTRE))).isEqualTo("centre-C-4601-02");
        JsonNode unknown = event("{\"toCentre\": {\"id\": \"C-9999-01\", \"municipalityNumber\": \"4601\"}}");
        // An id the directory does not know is the sender's text: the reason (logged, alerted) does not quote it.
        assertThat(gap(resolve(Role.RECEPTION_CENTRE, unknown, Where.TO_CENTRE))).contains("RECEPTION_CENTRE", "data.toCentre.id")
                .doesNotContain("C-9999-01");
    }

    @Test
    void aRepresentativeWithAnEmailGetsMail() {
        JsonNode e = event("{\"caseContext\": {\"representative\": {\"name\": \"Kari Nordmann\", \"phone\": \"+47 912 34 567\", \"email\": \"Kari.Nordmann@example.org\"}}}");
        Resolution r = resolve(Role.REPRESENTATIVE, e, Where.EVENT_CONTACT);
        assertThat(r).isInstanceOf(Resolved.class);
        Office o = ((Resolved) r).office();
        assertThat(o.role()).isEqualTo(Role.REPRESENTATIVE);
        assertThat(o.channel()).isEqualTo(Channel.MAIL);
        assertThat(o.address()).isEqualTo("Kari.Nordmann@example.org");
        assertThat(o.name()).isEqualTo("Kari Nordmann");
        assertThat(o.fromEvent()).isTrue();
        assertThat(o.id()).isEqualTo("contact:representative:" + Recipients.sha256Prefix("kari.nordmann@example.org"))
                .matches("contact:representative:[0-9a-f]{12}");
        assertThat(o.toString()).doesNotContain("Kari", "example.org", "912");
    }

    @Test
    void aLawyerWithOnlyAPhoneBecomesAPhoneTaskForStaff() {
        JsonNode e = event("{\"caseContext\": {\"lawyer\": {\"name\": \"Per Hansen\", \"phone\": \"+47 22 33 44 55\"}}}");
        Office o = ((Resolved) resolve(Role.LAWYER, e, Where.EVENT_CONTACT)).office();
        assertThat(o.channel()).isEqualTo(Channel.TASK);
        assertThat(o.address()).isEqualTo("+4722334455");
        assertThat(o.id()).isEqualTo("contact:lawyer:" + Recipients.sha256Prefix("+4722334455"));
    }

    @Test
    void anAddressTheHubWillNotWriteToIsNotMailedButPhonedByStaffOrAGap() {
        for (String bad : new String[] {"kari@[10.0.0.1]", "@relay.example:kari@example.org", "kari@exаmple.org"}) {
            JsonNode e = event("{\"caseContext\": {\"representative\": {\"name\": \"Kari\", \"phone\": \"+47 912 34 567\", \"email\": \"" + bad + "\"}}}");
            Office o = ((Resolved) resolve(Role.REPRESENTATIVE, e, Where.EVENT_CONTACT)).office();
            assertThat(o.channel()).as(bad).isEqualTo(Channel.TASK);
            assertThat(o.address()).as(bad).isEqualTo("+4791234567");
            JsonNode noPhone = event("{\"caseContext\": {\"representative\": {\"name\": \"Kari\", \"email\": \"" + bad + "\"}}}");
            assertThat(gap(resolve(Role.REPRESENTATIVE, noPhone, Where.EVENT_CONTACT))).as(bad).doesNotContain("kari");
        }
    }

    @Test
    void aContactWithoutEmailOrPhoneIsAGapThatNamesWhatIsMissing() {
        JsonNode e = event("{\"caseContext\": {\"representative\": {\"name\": \"Kari Nordmann\"}}}");
        assertThat(gap(resolve(Role.REPRESENTATIVE, e, Where.EVENT_CONTACT)))
                .contains("REPRESENTATIVE", "data.caseContext.representative", "email or phone").doesNotContain("Kari");
        assertThat(gap(resolve(Role.LAWYER, CENTRE_ONLY, Where.EVENT_CONTACT))).contains("data.caseContext.lawyer");
    }

    @Test
    void onlyRepresentativesAndLawyersComeFromTheEvent() {
        JsonNode e = event("{\"caseContext\": {\"representative\": {\"email\": \"kari@example.org\"}}}");
        assertThat(gap(resolve(Role.BARNEVERN, e, Where.EVENT_CONTACT))).doesNotContain("kari");
    }

    @Test
    void anEventThatProvidesNoPlaceIsAGapListingWhatWasLookedFor() {
        String reason = gap(resolve(Role.BARNEVERN, event("{}"), Where.KNOWN_WHEREABOUTS, Where.CENTRE));
        assertThat(reason).contains("BARNEVERN", "KNOWN_WHEREABOUTS (data.knownWhereabouts.municipalityNumber)",
                "CENTRE (data.centre.municipalityNumber)");
        assertThat(gap(resolve(Role.BARNEVERN, event("{}")))).contains("no place configured");
    }

    @Test
    void aGapInOneRegionDoesNotHideTheOthers() {
        JsonNode tromso = event("{\"centre\": {\"id\": \"C-5501-01\", \"municipalityNumber\": \"5501\"}}");
        assertThat(gap(resolve(Role.UDI_REGIONAL, tromso, Where.CENTRE))).contains("no UDI_REGIONAL office", "5501");
        assertThat(officeId(resolve(Role.IMDI, tromso, Where.CENTRE))).isEqualTo("imdi-nord");
    }

    @Test
    void serviceAreasMatchByAnyOfTheirSets() {
        Directory d = new Directory(Map.of("0301", municipality("0301", "03", "oslo", "ost", "ost")),
                List.of(office("by-region", Role.UDI_REGIONAL, Fixtures.udiRegions("ost")),
                        office("by-imdi", Role.IMDI, Fixtures.imdiRegions("ost"))));
        Recipients r = new Recipients(d);
        assertThat(officeId(r.resolve(Role.UDI_REGIONAL, List.of(Where.CENTRE), CENTRE_ONLY, CaseState.UNKNOWN))).isEqualTo("by-region");
        assertThat(officeId(r.resolve(Role.IMDI, List.of(Where.CENTRE), CENTRE_ONLY, CaseState.UNKNOWN))).isEqualTo("by-imdi");
    }
}

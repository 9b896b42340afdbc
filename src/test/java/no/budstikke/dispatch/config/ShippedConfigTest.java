package no.budstikke.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import no.budstikke.model.Condition.Op;
import no.budstikke.model.Condition;
import no.budstikke.model.HubConfig;
import no.budstikke.model.Municipality;
import no.budstikke.model.Office;
import no.budstikke.model.Policy;
import no.budstikke.model.Priority;
import no.budstikke.model.Recipient;
import no.budstikke.model.Role;
import no.budstikke.model.Rule;
import no.budstikke.model.Where;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The configuration shipped in config/ loads, and says what DOMAIN.md says. */
class ShippedConfigTest {

    static final Path CONFIG = Path.of("config");
    static HubConfig config;

    @BeforeAll
    static void load() {
        config = HubConfigLoader.load(CONFIG);
    }

    static Rule rule(String duty) {
        return config.rules().stream().filter(r -> r.duty().equals(duty)).findFirst().orElseThrow();
    }

    static Policy policy(Role role, String purpose) {
        return config.policies().find(role, purpose).orElseThrow();
    }

    @Test
    void everyDutyO1ToO38HasExactlyOneRuleInOrder() {
        List<String> duties = config.rules().stream().map(Rule::duty).toList();
        assertThat(duties).containsExactlyElementsOf(IntStream.rangeClosed(1, 38).mapToObj(i -> "O" + i).toList());
    }

    @Test
    void rulesKnowWhereTheyWereRead() {
        assertThat(rule("O21").source().file()).endsWith("routing-rules.yaml");
        assertThat(rule("O21").source().pointer()).isEqualTo("/rules/20");
        assertThat(rule("O21").source().line()).isPositive();
        assertThat(policy(Role.POLICE_DISTRICT, "missing").source().pointer()).startsWith("/policies/");
    }

    @Test
    void directoryCoversTheExampleMunicipalitiesWithRealAreas() {
        Map<String, Municipality> m = config.directory().municipalities();
        assertThat(m).containsKeys("0301", "4601", "5001", "3403", "1103");
        assertThat(m.get("0301")).extracting(Municipality::county, Municipality::policeDistrict).containsExactly("03", "Oslo");
        assertThat(m.get("4601")).extracting(Municipality::county, Municipality::policeDistrict).containsExactly("46", "Vest");
        assertThat(m.get("5001")).extracting(Municipality::county, Municipality::policeDistrict).containsExactly("50", "Trøndelag");
        assertThat(m.get("3403")).extracting(Municipality::county, Municipality::policeDistrict).containsExactly("34", "Innlandet");
        assertThat(m.get("1103")).extracting(Municipality::county, Municipality::policeDistrict).containsExactly("11", "Sør-Vest");
    }

    @Test
    void everyMunicipalRoleHasOneOfficePerMunicipalityAndEveryNationalRoleOne() {
        for (Municipality m : config.directory().municipalities().values()) {
            for (Role role : List.of(Role.STATSFORVALTER, Role.BARNEVERN, Role.SCHOOL, Role.HEALTH_OFFICE, Role.MUNICIPALITY,
                    Role.POLICE_DISTRICT, Role.UDI_REGIONAL, Role.IMDI)) {
                assertThat(config.directory().serving(role, m)).as(role + " for " + m.number()).hasSize(1);
            }
        }
        for (Role role : List.of(Role.PU, Role.UDI_BFE, Role.NOARK_ARCHIVE, Role.PERSON)) {
            assertThat(config.directory().national(role)).as(role.name()).hasSize(1);
        }
        assertThat(config.directory().offices()).noneMatch(o -> o.role() == Role.REPRESENTATIVE || o.role() == Role.LAWYER);
    }

    @Test
    void theExampleCentresHaveReceptionCentreOffices() throws IOException {
        Set<String> centres = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(Path.of("examples/events"))) {
            for (Path f : files.toList()) {
                JsonNode id = json.readTree(f.toFile()).at("/data/centre/id");
                if (id.isTextual()) centres.add(id.asText());
            }
        }
        assertThat(centres).isNotEmpty();
        for (String centre : centres) {
            assertThat(config.directory().centre(centre)).as(centre).get().extracting(Office::role).isEqualTo(Role.RECEPTION_CENTRE);
        }
    }

    @Test
    void channelsFollowDomainMd() {
        for (Office o : config.directory().offices()) {
            switch (o.role()) {
                case POLICE_DISTRICT, PU -> assertThat(o.channel().name()).as(o.id()).isIn("SFTP", "HTTP");
                case UDI_REGIONAL, IMDI, RECEPTION_CENTRE -> assertThat(o.channel().name()).as(o.id()).isEqualTo("HTTP");
                case NOARK_ARCHIVE -> assertThat(o.channel().name()).as(o.id()).isIn("HTTP", "SFTP");
                default -> assertThat(o.channel().name()).as(o.id()).isEqualTo("MAIL");
            }
        }
    }

    @Test
    void theSampleUsesReservedExampleAddressesOnly() throws IOException {
        Pattern host = Pattern.compile("(?:@|://)([A-Za-z0-9.-]+)");
        String text = String.join("\n", Files.readAllLines(CONFIG.resolve(HubConfigLoader.DIRECTORY)).stream()
                .filter(l -> !l.strip().startsWith("#")).toList());
        Matcher m = host.matcher(text);
        List<String> hosts = new ArrayList<>();
        while (m.find()) hosts.add(m.group(1));
        assertThat(hosts).isNotEmpty().allSatisfy(h ->
                assertThat(h.endsWith(".example") || h.equals("example.org") || h.equals("example.net") || h.equals("example.com")
                        || h.endsWith(".example.org") || h.endsWith(".example.net")).as(h).isTrue());
    }

    @Test
    void policiesHoldOnlyPathsAfterCategoriesAreExpanded() {
        for (Policy p : config.policies().policies()) {
            assertThat(p.allow()).as(p.role() + "/" + p.purpose()).allSatisfy(path -> assertThat(path).startsWith("/data/"));
            assertThat(p.withConsent()).allSatisfy(path -> assertThat(path).startsWith("/data/"));
        }
        assertThat(policy(Role.STATSFORVALTER, "arrival").allow()).contains("/data/person/dufNumber", "/data/person/languages");
    }

    @Test
    void healthReachesOnlyTheHealthOfficeAndTheHealthOfficeOnlyWhoAndWhereTo() {
        for (Policy p : config.policies().policies()) {
            if (p.role() == Role.HEALTH_OFFICE) continue;
            Stream.concat(p.allow().stream(), p.withConsent().stream()).forEach(path ->
                    assertThat(Pointers.overlap(path, "/data/caseContext/healthNotes")).as(p.role() + " " + path).isFalse());
        }
        assertThat(config.policies().categories().get("health")).containsExactly("/data/caseContext/healthNotes");
        assertThat(policy(Role.HEALTH_OFFICE, "relocation").allow()).containsExactlyInAnyOrder(
                "/data/person/dufNumber", "/data/person/givenName", "/data/person/familyName", "/data/person/birthDate",
                "/data/toCentre", "/data/departedAt");
    }

    @Test
    void legalBasesAreThoseOfDomainMd() {
        String consent = "written consent of the representative and the minor (forvaltningsloven § 13 a first paragraph no. 1)";
        for (Policy p : config.policies().policies()) {
            String expected = switch (p.role()) {
                case UDI_REGIONAL -> "forvaltningsloven § 13 b nr. 5";
                case BARNEVERN -> "barnevernloven § 6-4; utlendingsforskriften § 17-6";
                case IMDI -> "integreringsloven § 42, cf. § 41";
                case POLICE_DISTRICT -> "forvaltningsloven § 13 b nr. 5";
                default -> consent;
            };
            assertThat(p.legalBasis()).as(p.role() + "/" + p.purpose()).contains(expected);
        }
    }

    @Test
    void consentExtrasAreSeparateFromWhatIsAlwaysAllowed() {
        assertThat(policy(Role.UDI_REGIONAL, "asylum-information").withConsent()).containsExactly("/data/asylumRelevantInfo");
        assertThat(policy(Role.UDI_REGIONAL, "asylum-information").allow()).doesNotContain("/data/asylumRelevantInfo");
        assertThat(policy(Role.MUNICIPALITY, "amot").allow()).noneMatch(p -> p.startsWith("/data/person"));
        assertThat(policy(Role.MUNICIPALITY, "amot").withConsent()).contains("/data/person/givenName");
    }

    @Test
    void missingFlowIsUrgentToUdiPoliceAndChildWelfareWithCopies() {
        assertThat(rule("O20").priority()).isEqualTo(Priority.URGENT);
        assertThat(rule("O21").recipients()).extracting(Recipient::role, Recipient::copy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Role.POLICE_DISTRICT, false), org.assertj.core.groups.Tuple.tuple(Role.UDI_REGIONAL, true));
        Recipient barnevern = rule("O22").recipients().get(0);
        assertThat(barnevern.role()).isEqualTo(Role.BARNEVERN);
        assertThat(barnevern.where()).containsExactly(Where.KNOWN_WHEREABOUTS, Where.CENTRE);
        assertThat(rule("O22").recipients().get(1).copy()).isTrue();
        assertThat(rule("O23").recipients()).extracting(Recipient::role).containsExactly(Role.REPRESENTATIVE, Role.LAWYER);
        assertThat(rule("O23").recipients()).allSatisfy(r -> assertThat(r.where()).containsExactly(Where.EVENT_CONTACT));
        assertThat(rule("O19").on()).isEqualTo("no.udi.mot.leave.overdue.v1");
        assertThat(rule("O19").priority()).isEqualTo(Priority.URGENT);
        assertThat(rule("O19").recipients()).extracting(Recipient::role).containsExactly(Role.UDI_REGIONAL, Role.POLICE_DISTRICT, Role.BARNEVERN);
    }

    @Test
    void appointmentDutyIsRaisedWhenTheAppointmentIsNear() {
        Rule o24 = rule("O24");
        assertThat(o24.priority()).isEqualTo(Priority.NORMAL);
        // An appointment ahead of the event's time, in the event or known to the hub from DUF.
        List<Condition> any = ((Condition.Any) o24.when()).conditions();
        Condition.Test inEvent = (Condition.Test) any.get(0);
        assertThat(inEvent.subject()).isEqualTo("/data/caseContext/appointments/*/at");
        assertThat(inEvent.op()).isEqualTo(Op.AHEAD);
        Condition.Test known = (Condition.Test) any.get(1);
        assertThat(known.subject()).isEqualTo("case:upcomingAppointment");
        assertThat(known.op()).isEqualTo(Op.EQUALS);
        assertThat(o24.raise()).hasSize(1);
        Condition.Test near = (Condition.Test) o24.raise().get(0).when();
        assertThat(near.op()).isEqualTo(Op.WITHIN_HOURS);
        assertThat(near.value().asInt()).isEqualTo(72);
        assertThat(o24.raise().get(0).priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void conditionsMapToTheModel() {
        Condition.Test o4 = (Condition.Test) rule("O4").when();
        assertThat(o4.subject()).isEqualTo("/data/caseContext/childWelfareCaseOpen");
        assertThat(o4.op()).isEqualTo(Op.EQUALS);
        assertThat(o4.value().booleanValue()).isTrue();
        assertThat(rule("O1").when()).isEqualTo(new Condition.All(List.of()));

        Condition.Any o12 = (Condition.Any) rule("O12").when();
        assertThat(o12.conditions()).hasSize(4).allSatisfy(c -> assertThat(((Condition.Test) c).op()).isEqualTo(Op.NOT_EQUALS));
        assertThat(rule("O12").recipients().get(0).where()).containsExactly(Where.DESTINATION);

        Recipient imdi = rule("O13").recipients().get(1);
        assertThat(imdi.role()).isEqualTo(Role.IMDI);
        assertThat(((Condition.Test) imdi.when()).subject()).isEqualTo("/data/caseContext/awaitingSettlement");

        Condition.Test o14 = (Condition.Test) rule("O14").when();
        assertThat(o14.op()).isEqualTo(Op.EXISTS);

        Condition.All o37 = (Condition.All) rule("O37").when();
        assertThat(o37.conditions()).anySatisfy(c -> assertThat(((Condition.Test) c).subject()).isEqualTo("case:activeAmotAgreement"));
    }

    @Test
    void amotTransferComparesUdiRegions() {
        assertThat(rule("O33").when()).isEqualTo(new Condition.Differs(Condition.Area.UDI_REGION, Where.AMOT, Where.CENTRE));
        assertThat(rule("O33").recipients().get(0).where()).containsExactly(Where.AMOT);
    }

    @Test
    void leaveApplicationToUdiCarriesTheChecks() {
        assertThat(rule("O15").flags()).containsExactly("leave-application-checks");
        assertThat(rule("O15").recipients()).extracting(Recipient::role).containsExactly(Role.UDI_REGIONAL);
        assertThat(rule("O17").recipients().get(0).where()).containsExactly(Where.LEAVE_DESTINATION, Where.CENTRE);
    }
}

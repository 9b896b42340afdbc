package no.budstikke.dispatch;

import static no.budstikke.dispatch.Fixtures.json;
import static no.budstikke.dispatch.Fixtures.remove;
import static no.budstikke.dispatch.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.budstikke.contract.ContractValidator;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.model.CaseState;
import no.budstikke.model.Channel;
import no.budstikke.model.Condition;
import no.budstikke.model.Decision;
import no.budstikke.model.HubConfig;
import no.budstikke.model.Notice;
import no.budstikke.model.Office;
import no.budstikke.model.Priority;
import no.budstikke.model.Recipient;
import no.budstikke.model.Role;
import no.budstikke.model.Rule;
import no.budstikke.model.Serves;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3 item 4: one table, on the shipped config, with for every duty O1…O38 of DOMAIN.md
 *
 * <ul>
 *   <li>a firing row: the triggering event sends that duty's notices to exactly the expected offices
 *       (which proves the municipality it was resolved through: centre, destination, whereabouts,
 *       AMOT, settlement, leave destination or receiving centre lie in different municipalities),
 *       with the expected copy flag and priority, and the legal basis of the recipient's policy;</li>
 *   <li>for a duty with a condition (on the rule or on a recipient): the same event with the
 *       condition false (or unknown) does not fire it, or not to that recipient;</li>
 *   <li>for a duty without one: an event of another type does not fire it.</li>
 * </ul>
 *
 * Every event is checked against the contract before it is decided, so the table never tests
 * impossible input; every event that names a person carries health notes, so "only a health
 * office sees health data" is tested on every notice.
 */
class DutyTableTest {

    static final HubConfig CONFIG = HubConfigLoader.load(Path.of("config"));
    static final Dispatcher DISPATCHER = new Dispatcher(CONFIG);
    static final ContractValidator CONTRACT = ContractValidator.fromClasspath();
    static final String HEALTH_NOTES = "Asthma; inhaler twice daily (health: for a health office only).";

    static final String RELOCATION = "no.udi.mot.resident.relocation-planned.v1";
    static final String DEPARTED = "no.udi.mot.resident.departed.v1";
    static final String TURNING_18 = "no.udi.mot.resident.turning-18.v1";
    static final String PRIVATE_MOVE = "no.udi.mot.resident.private-move-requested.v1";
    static final String RETURN = "no.udi.mot.resident.return-planned.v1";
    static final String LEAVE_APPLIED = "no.udi.mot.leave.applied.v1";
    static final String LEAVE_DECIDED = "no.udi.mot.leave.decided.v1";
    static final String LEAVE_OVERDUE = "no.udi.mot.leave.overdue.v1";
    static final String MAPPING = "no.udi.mot.mapping.updated.v1";
    static final String CASE_DECIDED = "no.udi.duf.case.decided.v1";
    static final String APPOINTMENT = "no.udi.duf.appointment.scheduled.v1";
    static final String SETTLEMENT = "no.udi.duf.settlement.decided.v1";
    static final String AMOT_APPLICATION = "no.udi.duf.amot.application-registered.v1";
    static final String AMOT_REQUEST = "no.udi.duf.amot.request-sent.v1";
    static final String AMOT_AGREEMENT = "no.udi.duf.amot.agreement-sent.v1";
    static final String AMOT_SIGNED = "no.udi.duf.amot.agreement-signed.v1";
    static final String TERTIAL = "no.udi.duf.amot.tertial-due.v1";

    static final Priority URGENT = Priority.URGENT;
    static final Priority HIGH = Priority.HIGH;
    static final Priority NORMAL = Priority.NORMAL;

    // Centres of directory.yaml. The valid fixtures live in C-0301-01 (Oslo).
    static final String CENTRE_OSLO = "{\"id\":\"C-0301-01\",\"name\":\"Tonsenhagen mottak\",\"municipalityNumber\":\"0301\",\"kind\":\"minors\"}";
    static final String CENTRE_BERGEN = "{\"id\":\"C-4601-02\",\"name\":\"Fana mottak\",\"municipalityNumber\":\"4601\",\"kind\":\"minors\"}";

    static final CaseState ACTIVE_AMOT_HAMAR = new CaseState(Map.of("activeAmotAgreement", true, "amotMunicipality", "3403"));
    static final CaseState ENDED_AMOT_HAMAR = new CaseState(Map.of("activeAmotAgreement", false, "amotMunicipality", "3403"));
    static final CaseState UNKNOWN = CaseState.UNKNOWN;
    static final CaseState TURNING_18_REQUESTED = new CaseState(Map.of("turning18Requested", true));
    static final CaseState AWAITING_SETTLEMENT = new CaseState(Map.of("awaitingSettlement", true));
    static final Office REPRESENTATIVE_TOLD = new Office("contact:representative:0123456789ab", Role.REPRESENTATIVE, "Rita Representant",
            Channel.TASK, "+4791234567", new Serves(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()), true);
    static final Office LAWYER_TOLD = new Office("contact:lawyer:ba9876543210", Role.LAWYER, "Advokat Ås",
            Channel.TASK, "+4798765432", new Serves(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()), true);
    /** A police office told of the disappearance that has since left the directory: the journal still reaches it. */
    static final Office POLICE_SINCE_REMOVED = new Office("police-old-district", Role.POLICE_DISTRICT, "Gammelt politidistrikt",
            Channel.MAIL, "post@old-district.politiet.example", new Serves(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of()), false);
    /** Told of the disappearance: UDI, police (one since removed), child welfare of the whereabouts (Bergen), BFE, representative, lawyer. */
    static final CaseState OPEN_EPISODE = new CaseState(Map.of("openEpisode", true), List.of(
            office("udi-region-ost"), office("police-oslo"), POLICE_SINCE_REMOVED, office("barnevern-bergen"), office("udi-bfe"),
            REPRESENTATIVE_TOLD, LAWYER_TOLD));
    static final CaseState EPISODE_CLOSED = new CaseState(Map.of("openEpisode", false));

    static Office office(String id) {
        return CONFIG.directory().offices().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- the table's vocabulary

    enum Kind {
        /** the duty fires, to exactly {@code expected} */
        FIRES("fires"),
        /** the same event with the duty's (or a recipient's) condition false or unknown: only {@code expected} remain */
        CONDITION_FALSE("condition false"),
        /** a duty without a condition: an event of another type does not fire it */
        OTHER_TYPE("other type");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One expected notice of the duty under test. */
    record Expect(Role role, String office, boolean copy, Priority priority) {
        Tuple tuple() {
            return Tuple.tuple(role, office, copy, priority);
        }
    }

    record Row(String duty, Kind kind, String what, ObjectNode event, CaseState caseState, List<Expect> expected,
               Consumer<List<Notice>> also) {
        @Override
        public String toString() {
            return duty + " " + kind.label + ": " + what;
        }
    }

    static Expect to(Role role, String office, Priority priority) {
        return new Expect(role, office, false, priority);
    }

    static Expect copyTo(Role role, String office, Priority priority) {
        return new Expect(role, office, true, priority);
    }

    static Row fires(String duty, String what, ObjectNode event, CaseState caseState, List<Expect> expected) {
        return fires(duty, what, event, caseState, expected, notices -> { });
    }

    static Row fires(String duty, String what, ObjectNode event, CaseState caseState, List<Expect> expected,
                     Consumer<List<Notice>> also) {
        return new Row(duty, Kind.FIRES, what, withHealthNotes(event), caseState, expected, also);
    }

    /** The rule's condition is false: the duty sends nothing. */
    static Row notFired(String duty, String what, ObjectNode event, CaseState caseState) {
        return new Row(duty, Kind.CONDITION_FALSE, what, withHealthNotes(event), caseState, List.of(), n -> { });
    }

    /** A recipient's condition is false: only the other recipients remain. */
    static Row onlyThese(String duty, String what, ObjectNode event, CaseState caseState, List<Expect> remaining) {
        return new Row(duty, Kind.CONDITION_FALSE, what, withHealthNotes(event), caseState, remaining, n -> { });
    }

    static Row otherType(String duty, ObjectNode event, CaseState caseState) {
        return new Row(duty, Kind.OTHER_TYPE, event.path("type").asText(), withHealthNotes(event), caseState, List.of(), n -> { });
    }

    static ObjectNode example(String name) {
        return Fixtures.example(name);
    }

    static ObjectNode valid(String type) {
        return Fixtures.valid(type);
    }

    /** Sets several members: pointer, value, pointer, value… A value given as a String starting with '{' or '[' is JSON. */
    static ObjectNode with(ObjectNode event, Object... pointersAndValues) {
        for (int i = 0; i < pointersAndValues.length; i += 2) {
            Object v = pointersAndValues[i + 1];
            if (v instanceof String s && (s.startsWith("{") || s.startsWith("["))) v = json(s);
            set(event, (String) pointersAndValues[i], v);
        }
        return event;
    }

    static ObjectNode without(ObjectNode event, String... pointers) {
        for (String p : pointers) remove(event, p);
        return event;
    }

    static ObjectNode withHealthNotes(ObjectNode event) {
        if (event.path("data").has("person") && !event.at("/data/caseContext/healthNotes").isTextual()) {
            set(event, "/data/caseContext/healthNotes", HEALTH_NOTES);
        }
        return event;
    }

    static String representative(String email) {
        return "contact:representative:" + Recipients.sha256Prefix(email.toLowerCase(Locale.ROOT));
    }

    static String lawyer(String email) {
        return "contact:lawyer:" + Recipients.sha256Prefix(email.toLowerCase(Locale.ROOT));
    }

    static final String REPRESENTATIVE_JSON = "{\"name\":\"Rita Representant\",\"phone\":\"+4790000001\",\"email\":\"rita.representant@example.org\"}";
    static final String REPRESENTATIVE_OFFICE = representative("rita.representant@example.org");

    // ---------------------------------------------------------------- the table

    static Stream<Row> table() {
        List<Row> rows = new ArrayList<>();
        arrival(rows);
        relocation(rows);
        turning18AndPrivateMove(rows);
        returnAndLeave(rows);
        missing(rows);
        returned(rows);
        mappingAndSettlement(rows);
        amot(rows);
        return rows.stream();
    }

    /** O1–O3: the arrival example lives in Fana mottak, Bergen (4601, county 46). */
    static void arrival(List<Row> rows) {
        rows.add(fires("O1", "arrival example, centre in 4601 → the county governor of county 46",
                example("arrived"), UNKNOWN, List.of(to(Role.STATSFORVALTER, "statsforvalter-vestland", NORMAL))));
        rows.add(otherType("O1", valid(DEPARTED), UNKNOWN));
        rows.add(fires("O2", "arrival example → child welfare of the centre's municipality 4601",
                example("arrived"), UNKNOWN, List.of(to(Role.BARNEVERN, "barnevern-bergen", NORMAL))));
        rows.add(otherType("O2", valid(DEPARTED), UNKNOWN));
        rows.add(fires("O3", "arrival example → school office of 4601",
                example("arrived"), UNKNOWN, List.of(to(Role.SCHOOL, "school-bergen", NORMAL)),
                notices -> assertThat(notices.get(0).content().at("/schooling").asText()).isEqualTo("lower_secondary")));
        rows.add(otherType("O3", valid(DEPARTED), UNKNOWN));
    }

    /** O4–O8: centre in 0301, the receiving centre C-4601-02 in 4601. */
    static void relocation(List<Row> rows) {
        rows.add(fires("O4", "relocation planned, child-welfare case open → child welfare of 0301",
                with(valid(RELOCATION), "/data/caseContext/childWelfareCaseOpen", true), UNKNOWN,
                List.of(to(Role.BARNEVERN, "barnevern-oslo", HIGH))));
        rows.add(notFired("O4", "child-welfare case not open",
                with(valid(RELOCATION), "/data/caseContext/childWelfareCaseOpen", false), UNKNOWN));
        rows.add(notFired("O4", "child-welfare case unknown", valid(RELOCATION), UNKNOWN));

        rows.add(fires("O5", "relocation planned with special needs → UDI region of 0301, mapping (special needs) along",
                with(valid(RELOCATION), "/data/caseContext/specialNeeds", "Needs a quiet room; interpreter in Tigrinya."), UNKNOWN,
                List.of(to(Role.UDI_REGIONAL, "udi-region-ost", NORMAL)),
                notices -> assertThat(notices.get(0).content().at("/caseContext/specialNeeds").asText()).startsWith("Needs a quiet room")));
        rows.add(otherType("O5", valid(TURNING_18), UNKNOWN));

        rows.add(fires("O6", "relocation planned → the representative named in the event",
                with(valid(RELOCATION), "/data/caseContext/representative", REPRESENTATIVE_JSON), UNKNOWN,
                List.of(to(Role.REPRESENTATIVE, REPRESENTATIVE_OFFICE, NORMAL))));
        rows.add(otherType("O6", with(valid(DEPARTED), "/data/caseContext/representative", REPRESENTATIVE_JSON), UNKNOWN));

        rows.add(fires("O7", "departure from 0301 to a centre in 4601 → the old municipality's four offices",
                valid(DEPARTED), UNKNOWN,
                List.of(to(Role.STATSFORVALTER, "statsforvalter-oslo-viken", NORMAL), to(Role.BARNEVERN, "barnevern-oslo", NORMAL),
                        to(Role.SCHOOL, "school-oslo", NORMAL), to(Role.HEALTH_OFFICE, "health-oslo", NORMAL)),
                notices -> {
                    Notice health = notices.stream().filter(n -> n.recipient().role() == Role.HEALTH_OFFICE).findFirst().orElseThrow();
                    // only who moved and where to
                    assertThat(fieldNames(health.content())).containsExactlyInAnyOrder("person", "toCentre", "departedAt");
                    assertThat(fieldNames(health.content().path("person")))
                            .containsExactlyInAnyOrder("dufNumber", "givenName", "familyName", "birthDate");
                }));
        rows.add(otherType("O7", valid(RELOCATION), UNKNOWN));

        rows.add(fires("O8", "departure to C-4601-02 → that receiving centre, not the old one",
                valid(DEPARTED), UNKNOWN, List.of(to(Role.RECEPTION_CENTRE, "centre-c-4601-02", NORMAL))));
        rows.add(otherType("O8", valid(RELOCATION), UNKNOWN));
    }

    /** O9–O11. */
    static void turning18AndPrivateMove(List<Row> rows) {
        rows.add(fires("O9", "turning 18 → UDI region of 0301", valid(TURNING_18), UNKNOWN,
                List.of(to(Role.UDI_REGIONAL, "udi-region-ost", HIGH))));
        rows.add(otherType("O9", valid(RELOCATION), UNKNOWN));
        rows.add(notFired("O9", "the request was already decided for this person (the hub's own turning-18 event or an earlier one)",
                valid(TURNING_18), TURNING_18_REQUESTED));

        rows.add(fires("O10", "turning 18, child-welfare case open → child welfare of 0301",
                with(valid(TURNING_18), "/data/caseContext/childWelfareCaseOpen", true), UNKNOWN,
                List.of(to(Role.BARNEVERN, "barnevern-oslo", HIGH))));
        rows.add(notFired("O10", "child-welfare case not open",
                with(valid(TURNING_18), "/data/caseContext/childWelfareCaseOpen", false), UNKNOWN));
        rows.add(notFired("O10", "child-welfare case unknown", valid(TURNING_18), UNKNOWN));
        rows.add(notFired("O10", "child-welfare case open, but the request was already decided for this person",
                with(valid(TURNING_18), "/data/caseContext/childWelfareCaseOpen", true), TURNING_18_REQUESTED));

        rows.add(fires("O11", "private move to 3403 requested → UDI region of the centre (0301), not of the address",
                with(valid(PRIVATE_MOVE), "/data/address/municipalityNumber", "3403", "/data/address/postTown", "Hamar",
                        "/data/address/postalCode", "2317"), UNKNOWN,
                List.of(to(Role.UDI_REGIONAL, "udi-region-ost", NORMAL)),
                notices -> assertThat(notices.get(0).content().at("/relationToHost").asText()).isEqualTo("Uncle")));
        rows.add(otherType("O11", example("moved-without-clearance"), UNKNOWN));

        // O12/O13: the example lives in Lade mottak, Trondheim (5001), moved to Hamar (3403), awaits settlement.
        Consumer<List<Notice>> concernReportSaysItAll = notices -> {
            var c = notices.get(0).content();
            assertThat(c.at("/person/unaccompaniedMinor").asBoolean()).as("says plainly it is an EM").isTrue();
            assertThat(c.at("/person/givenName").isTextual()).as("personal details").isTrue();
            assertThat(c.at("/address/municipalityNumber").asText()).as("the address").isEqualTo("3403");
            assertThat(c.at("/careSituation").isTextual()).as("care situation").isTrue();
            assertThat(c.at("/hosts/0/name").isTextual()).as("the new carers").isTrue();
            assertThat(c.at("/relationToHost").isTextual()).isTrue();
        };
        rows.add(fires("O12", "moved-without-clearance example → child welfare of the destination 3403, not of the centre 5001",
                example("moved-without-clearance"), UNKNOWN, List.of(to(Role.BARNEVERN, "barnevern-hamar", URGENT)),
                concernReportSaysItAll));
        rows.add(fires("O12", "only the AMOT agreement missing → still fires",
                with(example("moved-without-clearance"), "/data/clearances",
                        "{\"asylumInterviewHeld\":true,\"familyRelationsClarified\":true,\"childWelfareApproved\":true,\"amotAgreement\":false}"),
                UNKNOWN, List.of(to(Role.BARNEVERN, "barnevern-hamar", URGENT))));
        rows.add(notFired("O12", "every clearance given",
                with(example("moved-without-clearance"), "/data/clearances", ALL_CLEARANCES), UNKNOWN));

        rows.add(fires("O13", "moved-without-clearance example, awaiting settlement → copies to UDI and IMDi of the centre (5001)",
                example("moved-without-clearance"), UNKNOWN,
                List.of(copyTo(Role.UDI_REGIONAL, "udi-region-midt-norge", URGENT), copyTo(Role.IMDI, "imdi-midt-norge", URGENT))));
        rows.add(onlyThese("O13", "not awaiting settlement → no copy to IMDi",
                with(example("moved-without-clearance"), "/data/caseContext/awaitingSettlement", false), UNKNOWN,
                List.of(copyTo(Role.UDI_REGIONAL, "udi-region-midt-norge", URGENT))));
        rows.add(onlyThese("O13", "awaiting settlement unknown → no copy to IMDi",
                without(example("moved-without-clearance"), "/data/caseContext/awaitingSettlement"), UNKNOWN,
                List.of(copyTo(Role.UDI_REGIONAL, "udi-region-midt-norge", URGENT))));
        rows.add(notFired("O13", "every clearance given",
                with(example("moved-without-clearance"), "/data/clearances", ALL_CLEARANCES), UNKNOWN));
    }

    static final String ALL_CLEARANCES =
            "{\"asylumInterviewHeld\":true,\"familyRelationsClarified\":true,\"childWelfareApproved\":true,\"amotAgreement\":true}";

    /** O14–O19. The leave example lives in Fana mottak, Bergen (4601), leave in Stavanger (1103). */
    static void returnAndLeave(List<Row> rows) {
        rows.add(fires("O14", "return planned with follow-up needs → PU and UDI region of 0301",
                with(valid(RETURN), "/data/followUpNeeds", "Needs an escort and a contact at arrival."), UNKNOWN,
                List.of(to(Role.PU, "pu", NORMAL), to(Role.UDI_REGIONAL, "udi-region-ost", NORMAL))));
        rows.add(notFired("O14", "no follow-up needs", valid(RETURN), UNKNOWN));

        rows.add(fires("O15", "clean leave-applied example → UDI region of 4601, no flag", example("leave-applied"), UNKNOWN,
                List.of(to(Role.UDI_REGIONAL, "udi-region-vest", HIGH)),
                notices -> assertThat(notices.get(0).flags()).isEmpty()));
        rows.add(fires("O15", "abroad, contact person under 25, transit centre, Dublin → every flag",
                with(valid(LEAVE_APPLIED),
                        "/data/centre/kind", "transit",
                        "/data/abroad", true,
                        "/data/contactPersons", "[{\"name\":\"Young Cousin\",\"birthDate\":\"2003-01-10\",\"phone\":\"+4790000002\",\"relation\":\"cousin\"}]",
                        "/data/caseContext/asylumStage", "dublin"), UNKNOWN,
                List.of(to(Role.UDI_REGIONAL, "udi-region-ost", HIGH)),
                notices -> assertThat(notices.get(0).flags()).containsExactly(LeaveChecks.LEAVE_ABROAD,
                        LeaveChecks.CONTACT_PERSON_UNDER_25, LeaveChecks.RESIDENT_IN_TRANSIT, LeaveChecks.DUBLIN_CASE)));
        rows.add(fires("O15", "finally rejected → flagged",
                with(example("leave-applied"), "/data/caseContext/asylumStage", "final_rejection"), UNKNOWN,
                List.of(to(Role.UDI_REGIONAL, "udi-region-vest", HIGH)),
                notices -> assertThat(notices.get(0).flags()).containsExactly(LeaveChecks.FINALLY_REJECTED)));
        rows.add(otherType("O15", leaveGranted(), UNKNOWN));

        rows.add(fires("O16", "leave applied in a Dublin case → PU",
                with(example("leave-applied"), "/data/caseContext/asylumStage", "dublin"), UNKNOWN,
                List.of(to(Role.PU, "pu", HIGH))));
        rows.add(fires("O16", "leave applied, finally rejected → PU",
                with(example("leave-applied"), "/data/caseContext/asylumStage", "final_rejection"), UNKNOWN,
                List.of(to(Role.PU, "pu", HIGH))));
        rows.add(notFired("O16", "leave-applied example, interviewed", example("leave-applied"), UNKNOWN));
        rows.add(notFired("O16", "asylum stage unknown", without(example("leave-applied"), "/data/caseContext/asylumStage"), UNKNOWN));

        rows.add(fires("O17", "leave-applied example → police of the leave address (1103), not of the centre (4601); the representative",
                example("leave-applied"), UNKNOWN,
                List.of(to(Role.POLICE_DISTRICT, "police-sor-vest", HIGH),
                        to(Role.REPRESENTATIVE, representative("ola.berg@example.org"), HIGH)),
                notices -> {
                    Notice police = notices.stream().filter(n -> n.recipient().role() == Role.POLICE_DISTRICT).findFirst().orElseThrow();
                    assertThat(police.content().at("/destination/municipalityNumber").asText()).isEqualTo("1103");
                    assertThat(police.content().at("/contactPersons/0/name").isTextual()).isTrue();
                }));
        rows.add(otherType("O17", with(leaveGranted(), "/data/caseContext/representative",
                "{\"name\":\"Ola Berg\",\"phone\":\"+4790011223\",\"email\":\"ola.berg@example.org\"}"), UNKNOWN));

        rows.add(fires("O18", "leave granted → the representative", leaveGranted(), UNKNOWN,
                List.of(to(Role.REPRESENTATIVE, REPRESENTATIVE_OFFICE, NORMAL))));
        rows.add(notFired("O18", "leave refused",
                with(valid(LEAVE_DECIDED), "/data/caseContext/representative", REPRESENTATIVE_JSON), UNKNOWN));

        rows.add(fires("O19", "overdue from leave → URGENT to UDI, police and child welfare of 0301", valid(LEAVE_OVERDUE), UNKNOWN,
                List.of(to(Role.UDI_REGIONAL, "udi-region-ost", URGENT), to(Role.POLICE_DISTRICT, "police-oslo", URGENT),
                        to(Role.BARNEVERN, "barnevern-oslo", URGENT))));
        rows.add(otherType("O19", leaveGranted(), UNKNOWN));
    }

    static ObjectNode leaveGranted() {
        return with(valid(LEAVE_DECIDED), "/data/decision", "granted", "/data/returnBy", "2026-12-27T18:00:00+01:00",
                "/data/caseContext/representative", REPRESENTATIVE_JSON);
    }

    /** O20–O24: the missing example, centre in Oslo (0301); event time 2026-11-20T21:15+01:00, interview 83¾ h later. */
    static void missing(List<Row> rows) {
        rows.add(fires("O20", "missing example → UDI region of 0301", example("missing"), UNKNOWN,
                List.of(to(Role.UDI_REGIONAL, "udi-region-ost", URGENT))));
        rows.add(otherType("O20", valid(LEAVE_OVERDUE), UNKNOWN));

        rows.add(fires("O21", "missing example → police of 0301, copy to UDI", example("missing"), UNKNOWN,
                List.of(to(Role.POLICE_DISTRICT, "police-oslo", URGENT), copyTo(Role.UDI_REGIONAL, "udi-region-ost", URGENT)),
                notices -> {
                    Notice police = notices.stream().filter(n -> n.recipient().role() == Role.POLICE_DISTRICT).findFirst().orElseThrow();
                    Notice udi = notices.stream().filter(n -> n.recipient().role() == Role.UDI_REGIONAL).findFirst().orElseThrow();
                    assertThat(police.content().at("/description").isTextual()).as("the description is for the police").isTrue();
                    assertThat(udi.content().at("/description").isMissingNode()).as("and for the police only").isTrue();
                }));
        rows.add(otherType("O21", valid(LEAVE_OVERDUE), UNKNOWN));

        rows.add(fires("O22", "no known whereabouts → child welfare of the centre's 0301, copy to UDI", example("missing"), UNKNOWN,
                List.of(to(Role.BARNEVERN, "barnevern-oslo", URGENT), copyTo(Role.UDI_REGIONAL, "udi-region-ost", URGENT))));
        rows.add(fires("O22", "known whereabouts in 1103 → child welfare of 1103, copy to UDI of the centre",
                with(example("missing"), "/data/knownWhereabouts",
                        "{\"street\":\"Kirkegata 3\",\"postalCode\":\"4006\",\"postTown\":\"Stavanger\",\"municipalityNumber\":\"1103\"}"),
                UNKNOWN,
                List.of(to(Role.BARNEVERN, "barnevern-stavanger", URGENT), copyTo(Role.UDI_REGIONAL, "udi-region-ost", URGENT))));
        rows.add(otherType("O22", valid(LEAVE_OVERDUE), UNKNOWN));

        rows.add(fires("O23", "missing example → representative and lawyer named in it", example("missing"), UNKNOWN,
                List.of(to(Role.REPRESENTATIVE, representative("kari.nordmann@example.org"), URGENT),
                        to(Role.LAWYER, lawyer("per.hansen@example.org"), URGENT)),
                notices -> {
                    // Phone calls by staff, even where an e-mail address is known: tasks due within the hour.
                    assertThat(notices).allSatisfy(n -> {
                        assertThat(n.recipient().channel()).isEqualTo(Channel.TASK);
                        assertThat(n.recipient().address()).startsWith("+47").doesNotContain("@");
                        assertThat(n.taskDue()).isEqualTo(java.time.Duration.ofMinutes(60));
                    });
                }));
        rows.add(otherType("O23", example("returned"), UNKNOWN));

        rows.add(fires("O24", "interview 83¾ h after the event (beyond 72 h) → Beskyttelsesprosessen, NORMAL",
                example("missing"), UNKNOWN, List.of(to(Role.UDI_BFE, "udi-bfe", NORMAL))));
        rows.add(fires("O24", "age assessment 35¾ h after the event → HIGH",
                with(example("missing"), "/data/caseContext/appointments",
                        "[{\"kind\":\"age_assessment\",\"at\":\"2026-11-22T09:00:00+01:00\"}]"), UNKNOWN,
                List.of(to(Role.UDI_BFE, "udi-bfe", HIGH))));
        rows.add(fires("O24", "interview exactly 72 h after the event → HIGH",
                with(example("missing"), "/data/caseContext/appointments/0/at", "2026-11-23T21:15:00+01:00"), UNKNOWN,
                List.of(to(Role.UDI_BFE, "udi-bfe", HIGH))));
        rows.add(notFired("O24", "the only interview was a day before the event: past, it summons nobody",
                with(example("missing"), "/data/caseContext/appointments/0/at", "2026-11-19T21:15:00+01:00"), UNKNOWN));
        rows.add(notFired("O24", "the interview is at the very time of the event: not ahead of it",
                with(example("missing"), "/data/caseContext/appointments/0/at", "2026-11-20T21:15:00+01:00"), UNKNOWN));
        rows.add(fires("O24", "a past interview and an age assessment ahead → NORMAL, for the one ahead",
                with(example("missing"), "/data/caseContext/appointments",
                        "[{\"kind\":\"asylum_interview\",\"at\":\"2026-11-01T09:00:00+01:00\"},"
                                + "{\"kind\":\"age_assessment\",\"at\":\"2026-12-01T09:00:00+01:00\"}]"), UNKNOWN,
                List.of(to(Role.UDI_BFE, "udi-bfe", NORMAL))));
        rows.add(fires("O24", "a past interview in the event, but the hub knows of one ahead from DUF → NORMAL",
                with(example("missing"), "/data/caseContext/appointments/0/at", "2026-11-19T21:15:00+01:00"),
                new CaseState(Map.of("upcomingAppointment", true)), List.of(to(Role.UDI_BFE, "udi-bfe", NORMAL))));
        rows.add(notFired("O24", "no appointments", without(example("missing"), "/data/caseContext/appointments"), UNKNOWN));
        rows.add(notFired("O24", "an empty list of appointments",
                with(example("missing"), "/data/caseContext/appointments", "[]"), UNKNOWN));
        rows.add(fires("O24", "no appointment in the event, but the hub knows of one from DUF → NORMAL",
                without(example("missing"), "/data/caseContext/appointments"),
                new CaseState(Map.of("upcomingAppointment", true)), List.of(to(Role.UDI_BFE, "udi-bfe", NORMAL))));
        rows.add(notFired("O24", "the appointments the hub knows of are past",
                without(example("missing"), "/data/caseContext/appointments"), new CaseState(Map.of("upcomingAppointment", false))));
    }

    /** O25–O27: the returned example, centre in Oslo (0301), concern for neglect. */
    static void returned(List<Row> rows) {
        rows.add(fires("O25", "returned example, disappearance open → every office the journal says was told, wherever it is",
                example("returned"), OPEN_EPISODE,
                List.of(to(Role.UDI_REGIONAL, "udi-region-ost", HIGH), to(Role.POLICE_DISTRICT, "police-oslo", HIGH),
                        to(Role.POLICE_DISTRICT, "police-old-district", HIGH), to(Role.BARNEVERN, "barnevern-bergen", HIGH),
                        to(Role.UDI_BFE, "udi-bfe", HIGH), to(Role.REPRESENTATIVE, REPRESENTATIVE_TOLD.id(), HIGH),
                        to(Role.LAWYER, LAWYER_TOLD.id(), HIGH))));
        rows.add(notFired("O25", "no open disappearance (a second return, or none known)", example("returned"), EPISODE_CLOSED));
        rows.add(notFired("O25", "nothing known of the case", example("returned"), UNKNOWN));
        rows.add(otherType("O25", example("missing"), UNKNOWN));

        rows.add(fires("O26", "returned example with concern for neglect → child welfare of 0301 and UDI",
                example("returned"), UNKNOWN,
                List.of(to(Role.BARNEVERN, "barnevern-oslo", HIGH), to(Role.UDI_REGIONAL, "udi-region-ost", HIGH))));
        rows.add(notFired("O26", "no concern for neglect", with(example("returned"), "/data/concernForNeglect", false), UNKNOWN));

        rows.add(fires("O27", "asylum-relevant information with consent → UDI region of 0301, information included",
                returnedWithInfo(true), UNKNOWN, List.of(to(Role.UDI_REGIONAL, "udi-region-ost", NORMAL)),
                notices -> assertThat(notices.get(0).content().at("/asylumRelevantInfo").asText()).startsWith("Says she was")));
        rows.add(notFired("O27", "consent refused", returnedWithInfo(false), UNKNOWN));
        rows.add(notFired("O27", "consent unknown", without(returnedWithInfo(true), "/data/caseContext/consents"), UNKNOWN));
        rows.add(notFired("O27", "consent, but no asylum-relevant information",
                without(returnedWithInfo(true), "/data/asylumRelevantInfo"), UNKNOWN));
    }

    static ObjectNode returnedWithInfo(boolean consent) {
        return with(example("returned"),
                "/data/asylumRelevantInfo", "Says she was taken across the border by relatives and fears forced marriage.",
                "/data/caseContext/consents", "{\"disclosureToOthers\":" + consent + ",\"health\":false}");
    }

    /** O28–O30. */
    static void mappingAndSettlement(List<Row> rows) {
        rows.add(fires("O28", "decision grounds settlement, resident in a centre in 0301 → IMDi of the centre",
                with(valid(CASE_DECIDED), "/data/decision", "residence_permit_settlement", "/data/centre", CENTRE_OSLO), UNKNOWN,
                List.of(to(Role.IMDI, "imdi-ost", HIGH))));
        rows.add(fires("O28", "decision grounds settlement, no centre, active AMOT in 3403 → IMDi of the AMOT municipality",
                with(valid(CASE_DECIDED), "/data/decision", "residence_permit_settlement"), ACTIVE_AMOT_HAMAR,
                List.of(to(Role.IMDI, "imdi-indre-ost", HIGH))));
        rows.add(notFired("O28", "a decision that does not ground settlement (other)",
                with(valid(CASE_DECIDED), "/data/centre", CENTRE_OSLO), UNKNOWN));
        rows.add(notFired("O28", "a final rejection",
                with(valid(CASE_DECIDED), "/data/decision", "final_rejection", "/data/centre", CENTRE_OSLO), UNKNOWN));

        rows.add(fires("O29", "settlement in 3403 decided for a resident of a centre in 0301 → the settlement municipality",
                with(valid(SETTLEMENT), "/data/centre", CENTRE_OSLO), UNKNOWN,
                List.of(to(Role.MUNICIPALITY, "municipality-hamar", NORMAL))));
        rows.add(otherType("O29", with(valid(CASE_DECIDED), "/data/decision", "residence_permit_settlement",
                "/data/centre", CENTRE_OSLO), ACTIVE_AMOT_HAMAR));

        rows.add(fires("O30", "mapping updated while awaiting settlement → IMDi of 0301 only",
                with(valid(MAPPING), "/data/caseContext/awaitingSettlement", true, "/data/caseContext/asylumStage", "decided"), UNKNOWN,
                List.of(to(Role.IMDI, "imdi-ost", NORMAL))));
        rows.add(fires("O30", "mapping updated while awaiting return (final rejection) → UDI region of 0301 only",
                with(valid(MAPPING), "/data/caseContext/awaitingSettlement", false, "/data/caseContext/asylumStage", "final_rejection"),
                UNKNOWN, List.of(to(Role.UDI_REGIONAL, "udi-region-ost", NORMAL))));
        rows.add(fires("O30", "awaiting settlement and a Dublin transfer → both",
                with(valid(MAPPING), "/data/caseContext/awaitingSettlement", true, "/data/caseContext/asylumStage", "dublin"), UNKNOWN,
                List.of(to(Role.IMDI, "imdi-ost", NORMAL), to(Role.UDI_REGIONAL, "udi-region-ost", NORMAL))));
        rows.add(onlyThese("O30", "neither awaiting settlement nor return",
                with(valid(MAPPING), "/data/caseContext/awaitingSettlement", false, "/data/caseContext/asylumStage", "interviewed"),
                UNKNOWN, List.of()));
        rows.add(onlyThese("O30", "nothing known of the case", valid(MAPPING), UNKNOWN, List.of()));
        rows.add(fires("O30", "the event does not say, the hub knows the person awaits settlement → IMDi of 0301",
                valid(MAPPING), AWAITING_SETTLEMENT, List.of(to(Role.IMDI, "imdi-ost", NORMAL))));
        rows.add(onlyThese("O30", "the event says not awaiting settlement, whatever the hub knew before",
                with(valid(MAPPING), "/data/caseContext/awaitingSettlement", false, "/data/caseContext/asylumStage", "interviewed"),
                AWAITING_SETTLEMENT, List.of()));
        rows.add(fires("O30", "awaiting an AMOT move (active agreement) → UDI region of the centre (0301)",
                with(valid(MAPPING), "/data/caseContext/awaitingSettlement", false, "/data/caseContext/asylumStage", "interviewed"),
                ACTIVE_AMOT_HAMAR, List.of(to(Role.UDI_REGIONAL, "udi-region-ost", NORMAL))));
    }

    /** O31–O38: AMOT in Hamar (3403: UDI region Indre Østland, IMDi Indre Øst); centre, where given, in Oslo (0301). */
    static void amot(List<Row> rows) {
        rows.add(fires("O31", "AMOT application for a minor, centre in 0301 → IMDi of the AMOT municipality 3403",
                with(valid(AMOT_APPLICATION), "/data/centre", CENTRE_OSLO), UNKNOWN,
                List.of(to(Role.IMDI, "imdi-indre-ost", NORMAL))));
        rows.add(notFired("O31", "not a minor",
                with(valid(AMOT_APPLICATION), "/data/centre", CENTRE_OSLO, "/data/person/unaccompaniedMinor", false), UNKNOWN));

        rows.add(fires("O32", "minor, grounded on family in 3403 → child welfare of 3403",
                with(valid(AMOT_APPLICATION), "/data/centre", CENTRE_OSLO, "/data/groundedOnFamily", true), UNKNOWN,
                List.of(to(Role.BARNEVERN, "barnevern-hamar", NORMAL))));
        rows.add(notFired("O32", "not grounded on family",
                with(valid(AMOT_APPLICATION), "/data/centre", CENTRE_OSLO, "/data/groundedOnFamily", false), UNKNOWN));
        rows.add(notFired("O32", "grounded on family, but not a minor",
                with(valid(AMOT_APPLICATION), "/data/centre", CENTRE_OSLO, "/data/groundedOnFamily", true,
                        "/data/person/unaccompaniedMinor", false), UNKNOWN));

        rows.add(fires("O33", "centre in 0301 (region Øst), AMOT in 3403 (Indre Østland) → UDI of the AMOT region",
                with(valid(AMOT_APPLICATION), "/data/centre", CENTRE_OSLO), UNKNOWN,
                List.of(to(Role.UDI_REGIONAL, "udi-region-indre-ostland", NORMAL))));
        rows.add(fires("O33", "centre in 4601 (Vest), AMOT in 5001 (Midt-Norge) → UDI Midt-Norge",
                with(valid(AMOT_APPLICATION), "/data/centre", CENTRE_BERGEN, "/data/municipalityNumber", "5001"), UNKNOWN,
                List.of(to(Role.UDI_REGIONAL, "udi-region-midt-norge", NORMAL))));
        rows.add(notFired("O33", "centre in 4601 and AMOT in 1103, both region Vest",
                with(valid(AMOT_APPLICATION), "/data/centre", CENTRE_BERGEN, "/data/municipalityNumber", "1103"), UNKNOWN));
        rows.add(notFired("O33", "no centre: the region it comes from is unknown", valid(AMOT_APPLICATION), UNKNOWN));

        rows.add(fires("O34", "request sent for AMOT in 3403, centre in 0301 → the AMOT municipality",
                with(valid(AMOT_REQUEST), "/data/centre", CENTRE_OSLO), UNKNOWN,
                List.of(to(Role.MUNICIPALITY, "municipality-hamar", NORMAL))));
        rows.add(otherType("O34", with(valid(AMOT_AGREEMENT), "/data/centre", CENTRE_OSLO), UNKNOWN));

        rows.add(fires("O35", "agreement sent for AMOT in 3403 → the AMOT municipality",
                with(valid(AMOT_AGREEMENT), "/data/centre", CENTRE_OSLO), UNKNOWN,
                List.of(to(Role.MUNICIPALITY, "municipality-hamar", NORMAL))));
        rows.add(otherType("O35", with(valid(AMOT_REQUEST), "/data/centre", CENTRE_OSLO), UNKNOWN));

        rows.add(fires("O36", "agreement signed for AMOT in 3403 → the AMOT municipality, copy to the archive",
                with(valid(AMOT_SIGNED), "/data/centre", CENTRE_OSLO), UNKNOWN,
                List.of(to(Role.MUNICIPALITY, "municipality-hamar", NORMAL), copyTo(Role.NOARK_ARCHIVE, "noark-udi", NORMAL))));
        rows.add(otherType("O36", with(valid(AMOT_AGREEMENT), "/data/centre", CENTRE_OSLO), UNKNOWN));

        ObjectNode permit = with(valid(CASE_DECIDED), "/data/decision", "residence_permit_settlement");
        rows.add(fires("O37", "residence permit, active AMOT in 3403 → that municipality; copies to the person and IMDi of 3403",
                permit.deepCopy(), ACTIVE_AMOT_HAMAR,
                List.of(to(Role.MUNICIPALITY, "municipality-hamar", NORMAL), copyTo(Role.PERSON, "person-letters", NORMAL),
                        copyTo(Role.IMDI, "imdi-indre-ost", NORMAL))));
        rows.add(notFired("O37", "AMOT agreement not active", permit.deepCopy(), ENDED_AMOT_HAMAR));
        rows.add(notFired("O37", "AMOT agreement unknown", permit.deepCopy(), UNKNOWN));
        rows.add(notFired("O37", "active AMOT, but a decision that does not ground settlement",
                valid(CASE_DECIDED), ACTIVE_AMOT_HAMAR));

        rows.add(fires("O38", "final-rejection example, active AMOT in 3403 → that municipality and the person",
                example("case-decided-final-rejection"), ACTIVE_AMOT_HAMAR,
                List.of(to(Role.MUNICIPALITY, "municipality-hamar", NORMAL), to(Role.PERSON, "person-letters", NORMAL))));
        rows.add(notFired("O38", "AMOT agreement not active", example("case-decided-final-rejection"), ENDED_AMOT_HAMAR));
        rows.add(notFired("O38", "AMOT agreement unknown", example("case-decided-final-rejection"), UNKNOWN));
        rows.add(notFired("O38", "active AMOT, but a residence permit", permit.deepCopy(), ACTIVE_AMOT_HAMAR));
    }

    // ---------------------------------------------------------------- the checks

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachDutyFiresToTheRightOfficeOnlyWhenItsConditionHolds(Row row) {
        Rule rule = rule(row.duty());
        assertThat(CONTRACT.validateEvent(row.event())).as("the row's event keeps the contract").isEmpty();
        switch (row.kind()) {
            case FIRES -> assertThat(row.event().path("type").asText()).isEqualTo(rule.on());
            case CONDITION_FALSE -> assertThat(row.event().path("type").asText()).as("the same event type").isEqualTo(rule.on());
            case OTHER_TYPE -> assertThat(row.event().path("type").asText()).isNotEqualTo(rule.on());
        }

        Decision decision = DISPATCHER.decide(row.event(), row.caseState());
        List<Notice> notices = decision.notices().stream().filter(n -> n.duty().equals(row.duty())).toList();

        assertThat(decision.unresolved()).as("nothing of %s left unresolved", row.duty())
                .noneMatch(u -> u.duty().equals(row.duty()));
        assertThat(notices).extracting(n -> n.recipient().role(), n -> n.recipient().id(), Notice::copy, Notice::priority)
                .as("%s: (role, office, copy, priority)", row.duty())
                .containsExactlyInAnyOrderElementsOf(row.expected().stream().map(Expect::tuple).toList());
        if (row.kind() == Kind.FIRES) assertThat(notices).isNotEmpty();

        for (Notice n : notices) {
            String policyBasis = CONFIG.policies().find(n.recipient().role(), rule.purpose()).orElseThrow().legalBasis();
            assertThat(n.legalBasis()).as("%s legal basis", n).isNotBlank().isEqualTo(policyBasis);
            assertThat(n.purpose()).isEqualTo(rule.purpose());
            assertThat(n.kind()).isEqualTo(rule.kind());
            if (n.recipient().role() != Role.HEALTH_OFFICE) {
                assertThat(n.content().at("/caseContext/healthNotes").isMissingNode()).as("%s carries no health notes", n).isTrue();
            }
        }
        row.also().accept(notices);
    }

    /** A rule added to routing-rules.yaml without rows here fails this test. */
    @Test
    void theTableCoversExactlyTheDutiesOfTheShippedRules() {
        List<Row> rows = table().toList();
        Set<String> configured = CONFIG.rules().stream().map(Rule::duty).collect(Collectors.toCollection(TreeSet::new));
        Set<String> firing = rows.stream().filter(r -> r.kind() == Kind.FIRES).map(Row::duty)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> named = rows.stream().map(Row::duty).collect(Collectors.toCollection(TreeSet::new));
        assertThat(firing).as("a firing row per configured duty").isEqualTo(configured);
        assertThat(named).as("no row for a duty the config lacks").isEqualTo(configured);
        assertThat(configured).hasSize(38);

        for (Rule rule : CONFIG.rules()) {
            List<Row> mine = rows.stream().filter(r -> r.duty().equals(rule.duty())).toList();
            if (!hasCondition(rule.when()) && rule.recipients().stream().noneMatch(r -> hasCondition(r.when()))) {
                assertThat(mine).as("%s has no condition: another event type must be shown not to fire it", rule.duty())
                        .anyMatch(r -> r.kind() == Kind.OTHER_TYPE);
                continue;
            }
            if (hasCondition(rule.when())) {
                assertThat(mine).as("%s: a row with its condition false and nothing sent", rule.duty())
                        .anyMatch(r -> r.kind() == Kind.CONDITION_FALSE && r.expected().isEmpty());
            }
            for (Recipient recipient : rule.recipients()) {
                if (!hasCondition(recipient.when())) continue;
                assertThat(mine).as("%s: a row with the condition of its %s recipient false", rule.duty(), recipient.role())
                        .anyMatch(r -> r.kind() == Kind.CONDITION_FALSE
                                && r.expected().stream().noneMatch(e -> e.role() == recipient.role()));
                assertThat(mine).as("%s: a firing row that reaches its conditional %s recipient", rule.duty(), recipient.role())
                        .anyMatch(r -> r.kind() == Kind.FIRES && r.expected().stream().anyMatch(e -> e.role() == recipient.role()));
            }
        }
    }

    /** Every recipient of every rule is reached by some firing row, so no recipient goes untested. */
    @Test
    void everyRecipientOfEveryRuleIsReachedBySomeFiringRow() {
        List<Row> rows = table().filter(r -> r.kind() == Kind.FIRES).toList();
        List<String> missing = new ArrayList<>();
        for (Rule rule : CONFIG.rules()) {
            for (Recipient recipient : rule.recipients()) {
                boolean reached = rows.stream().anyMatch(r -> r.duty().equals(rule.duty())
                        && r.expected().stream().anyMatch(e -> e.role() == recipient.role() && e.copy() == recipient.copy()));
                if (!reached) missing.add(rule.duty() + " " + recipient.role() + (recipient.copy() ? " (copy)" : ""));
            }
        }
        assertThat(missing).isEmpty();
    }

    /** Event types that carry no duty of O1–O38 (appointments only update the case; the tertial duty O39 is scheduled). */
    @Test
    void appointmentsAndTheTertialFireNoneOfTheDuties() {
        for (ObjectNode event : List.of(withHealthNotes(valid(APPOINTMENT)), valid(TERTIAL))) {
            assertThat(CONTRACT.validateEvent(event)).isEmpty();
            Decision d = DISPATCHER.decide(event, ACTIVE_AMOT_HAMAR);
            assertThat(d.notices()).as(event.path("type").asText()).isEmpty();
            assertThat(d.unresolved()).isEmpty();
        }
    }

    static Rule rule(String duty) {
        return CONFIG.rules().stream().filter(r -> r.duty().equals(duty)).findFirst()
                .orElseThrow(() -> new AssertionError("routing-rules.yaml has no rule " + duty));
    }

    static boolean hasCondition(Condition when) {
        return when != null && !(when instanceof Condition.All all && all.conditions().isEmpty());
    }

    static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package no.budstikke.dispatch;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import no.budstikke.model.CaseState;
import no.budstikke.model.Channel;
import no.budstikke.model.Condition;
import no.budstikke.model.Directory;
import no.budstikke.model.HubConfig;
import no.budstikke.model.Municipality;
import no.budstikke.model.Office;
import no.budstikke.model.Policies;
import no.budstikke.model.Policy;
import no.budstikke.model.Priority;
import no.budstikke.model.Recipient;
import no.budstikke.model.Role;
import no.budstikke.model.Rule;
import no.budstikke.model.Serves;
import no.budstikke.model.Source;
import no.budstikke.model.Where;

/** Events, JSON surgery and small HubConfigs built in code for the dispatch tests. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    static final Source HERE = new Source("test", "", 0);

    private Fixtures() {
    }

    // ---------------------------------------------------------------- JSON

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode value(Object v) {
        return JSON.valueToTree(v);
    }

    /** Sets the member at {@code pointer}, creating missing parent objects. */
    public static ObjectNode set(ObjectNode root, String pointer, Object value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root;
        for (JsonPointer head = p; head.tail() != null && !head.tail().matches(); head = head.tail()) {
            String name = head.getMatchingProperty();
            JsonNode child = parent.isArray() ? parent.get(head.getMatchingIndex()) : parent.get(name);
            if (child == null || child.isNull() || child.isMissingNode()) {
                child = JSON.createObjectNode();
                ((ObjectNode) parent).set(name, child);
            }
            parent = child;
        }
        JsonNode v = value instanceof JsonNode n ? n : value(value);
        if (parent instanceof ArrayNode array) {
            int index = p.last().getMatchingIndex();
            if (index == array.size()) array.add(v); else array.set(index, v);
        } else {
            ((ObjectNode) parent).set(p.last().getMatchingProperty(), v);
        }
        return root;
    }

    public static ObjectNode remove(ObjectNode root, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        if (parent instanceof ObjectNode o) o.remove(p.last().getMatchingProperty());
        return root;
    }

    // ---------------------------------------------------------------- events on disk

    public static ObjectNode resource(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + path);
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of the minimal valid event of a type, from events/valid/. */
    public static ObjectNode valid(String type) {
        return resource("events/valid/" + type + ".json");
    }

    /** A fresh copy of one of the shared examples, e.g. {@code example("missing")}. */
    public static ObjectNode example(String name) {
        return resource("events/" + name + ".json");
    }

    /** Resource names (relative to the classpath) of every .json file directly in the folder, sorted. */
    public static List<String> resourcesIn(String folder) {
        URL url = Fixtures.class.getClassLoader().getResource(folder);
        if (url == null) return List.of();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(f -> f.toString().endsWith(".json")).map(f -> folder + "/" + f.getFileName())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The example events and the per-type valid events. */
    public static List<String> allEventResources() {
        List<String> all = new ArrayList<>(resourcesIn("events"));
        all.addAll(resourcesIn("events/valid"));
        return all;
    }

    public static List<String> validTypes() {
        return resourcesIn("events/valid").stream()
                .map(r -> r.substring("events/valid/".length(), r.length() - ".json".length())).toList();
    }

    public static CaseState facts(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return new CaseState(m);
    }

    // ---------------------------------------------------------------- conditions

    public static Condition.Test test(String subject, Condition.Op op, Object value) {
        return new Condition.Test(subject, op, value == null ? null : value(value));
    }

    public static Condition.Test eq(String subject, Object value) {
        return test(subject, Condition.Op.EQUALS, value);
    }

    public static Condition.Test exists(String subject) {
        return test(subject, Condition.Op.EXISTS, null);
    }

    public static Condition all(Condition... c) {
        return new Condition.All(List.of(c));
    }

    public static Condition any(Condition... c) {
        return new Condition.Any(List.of(c));
    }

    public static Condition not(Condition c) {
        return new Condition.Not(c);
    }

    // ---------------------------------------------------------------- directory

    public static Municipality municipality(String number, String county, String police, String udi, String imdi) {
        return new Municipality(number, "M" + number, county, police, udi, imdi);
    }

    public static Serves national() {
        return new Serves(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    public static Serves municipalities(String... n) {
        return new Serves(false, Set.of(n), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    public static Serves counties(String... n) {
        return new Serves(false, Set.of(), Set.of(n), Set.of(), Set.of(), Set.of(), Set.of());
    }

    public static Serves policeDistricts(String... n) {
        return new Serves(false, Set.of(), Set.of(), Set.of(n), Set.of(), Set.of(), Set.of());
    }

    public static Serves udiRegions(String... n) {
        return new Serves(false, Set.of(), Set.of(), Set.of(), Set.of(n), Set.of(), Set.of());
    }

    public static Serves imdiRegions(String... n) {
        return new Serves(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(n), Set.of());
    }

    public static Serves centres(String... ids) {
        return new Serves(false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(ids));
    }

    public static Office office(String id, Role role, Serves serves) {
        return new Office(id, role, "Office " + id, Channel.MAIL, id + "@example.org", serves, false);
    }

    // ---------------------------------------------------------------- rules and policies

    public static Recipient to(Role role, Where... where) {
        return new Recipient(role, List.of(where), null, Optional.empty(), false);
    }

    public static Recipient to(Role role, Condition when, Where... where) {
        return new Recipient(role, List.of(where), when, Optional.empty(), false);
    }

    public static Recipient copyTo(Role role, Where... where) {
        return new Recipient(role, List.of(where), null, Optional.empty(), true);
    }

    public static Recipient copyTo(Role role, Condition when, Where... where) {
        return new Recipient(role, List.of(where), when, Optional.empty(), true);
    }

    public static Recipient withPriority(Recipient r, Priority p) {
        return new Recipient(r.role(), r.where(), r.when(), Optional.of(p), r.copy());
    }

    public static Rule rule(String duty, String on, Condition when, Priority priority, String purpose, Recipient... to) {
        return new Rule(duty, "duty " + duty, on, when, priority, List.of(), "notice-" + duty.toLowerCase(),
                purpose, List.of(to), List.of(), HERE);
    }

    public static Rule withRaise(Rule r, Rule.Raise... raise) {
        return new Rule(r.duty(), r.title(), r.on(), r.when(), r.priority(), List.of(raise), r.kind(), r.purpose(),
                r.recipients(), r.flags(), r.source());
    }

    public static Rule withFlags(Rule r, String... flags) {
        return new Rule(r.duty(), r.title(), r.on(), r.when(), r.priority(), r.raise(), r.kind(), r.purpose(),
                r.recipients(), List.of(flags), r.source());
    }

    public static Policy policy(Role role, String purpose, List<String> allow, List<String> withConsent) {
        return new Policy(role, purpose, "basis for " + role + "/" + purpose, allow, withConsent, HERE);
    }

    public static Policy policy(Role role, String purpose, String... allow) {
        return policy(role, purpose, List.of(allow), List.of());
    }

    public static Policy policy(Role role, String purpose, List<String> allow) {
        return policy(role, purpose, allow, List.of());
    }

    public static HubConfig config(Directory directory, List<Rule> rules, Policy... policies) {
        return new HubConfig(directory, rules, new Policies(List.of(policies), Map.of()));
    }

    // ---------------------------------------------------------------- a sample config covering every type

    static final String ARRIVED = "no.udi.mot.resident.arrived.v1";
    static final String RELOCATION = "no.udi.mot.resident.relocation-planned.v1";
    static final String DEPARTED = "no.udi.mot.resident.departed.v1";
    static final String TURNING_18 = "no.udi.mot.resident.turning-18.v1";
    static final String PRIVATE_MOVE = "no.udi.mot.resident.private-move-requested.v1";
    static final String MOVED = "no.udi.mot.resident.moved-without-clearance.v1";
    static final String RETURN = "no.udi.mot.resident.return-planned.v1";
    static final String LEAVE_APPLIED = "no.udi.mot.leave.applied.v1";
    static final String LEAVE_DECIDED = "no.udi.mot.leave.decided.v1";
    static final String LEAVE_OVERDUE = "no.udi.mot.leave.overdue.v1";
    static final String MISSING = "no.udi.mot.resident.missing.v1";
    static final String RETURNED = "no.udi.mot.resident.returned.v1";
    static final String MAPPING = "no.udi.mot.mapping.updated.v1";
    static final String CASE_DECIDED = "no.udi.duf.case.decided.v1";
    static final String SETTLEMENT = "no.udi.duf.settlement.decided.v1";
    static final String AMOT_APPLICATION = "no.udi.duf.amot.application-registered.v1";
    static final String AMOT_REQUEST = "no.udi.duf.amot.request-sent.v1";
    static final String AMOT_AGREEMENT = "no.udi.duf.amot.agreement-sent.v1";
    static final String AMOT_SIGNED = "no.udi.duf.amot.agreement-signed.v1";

    static final List<String> IDENTITY = List.of("/data/person/dufNumber", "/data/person/givenName",
            "/data/person/familyName", "/data/person/birthDate", "/data/person/nationalId", "/data/person/gender",
            "/data/person/nationality", "/data/person/languages", "/data/person/unaccompaniedMinor");
    static final List<String> NAME_ONLY = List.of("/data/person/dufNumber", "/data/person/givenName",
            "/data/person/familyName", "/data/person/birthDate");

    /** A directory for the example municipalities, plus 5501 with no BARNEVERN or UDI office (a gap). */
    public static Directory sampleDirectory() {
        Map<String, Municipality> m = new HashMap<>();
        for (Municipality x : List.of(
                municipality("0301", "03", "oslo", "ost", "ost"),
                municipality("4601", "46", "vest", "vest", "vest"),
                municipality("5001", "50", "trondelag", "midt", "midt"),
                municipality("3403", "34", "innlandet", "ost", "ost"),
                municipality("1103", "11", "sor-vest", "vest", "vest"),
                municipality("5501", "55", "troms", "nord", "nord"))) {
            m.put(x.number(), x);
        }
        List<Office> o = new ArrayList<>();
        for (String county : List.of("03", "46", "50", "34", "11", "55")) o.add(office("sf-" + county, Role.STATSFORVALTER, counties(county)));
        for (String n : List.of("0301", "4601", "5001", "3403", "1103")) {
            o.add(office("barnevern-" + n, Role.BARNEVERN, municipalities(n)));
            o.add(office("school-" + n, Role.SCHOOL, municipalities(n)));
            o.add(office("health-" + n, Role.HEALTH_OFFICE, municipalities(n)));
            o.add(office("municipality-" + n, Role.MUNICIPALITY, municipalities(n)));
        }
        for (String d : List.of("oslo", "vest", "trondelag", "innlandet", "sor-vest", "troms")) o.add(office("police-" + d, Role.POLICE_DISTRICT, policeDistricts(d)));
        for (String r : List.of("ost", "vest", "midt")) o.add(office("udi-" + r, Role.UDI_REGIONAL, udiRegions(r)));
        for (String r : List.of("ost", "vest", "midt", "nord")) o.add(office("imdi-" + r, Role.IMDI, imdiRegions(r)));
        o.add(office("pu", Role.PU, national()));
        o.add(office("udi-bfe", Role.UDI_BFE, national()));
        o.add(office("noark", Role.NOARK_ARCHIVE, national()));
        o.add(office("centre-C-0301-01", Role.RECEPTION_CENTRE, centres("C-0301-01")));
        o.add(office("centre-C-4601-02", Role.RECEPTION_CENTRE, centres("C-4601-02")));
        return new Directory(Map.copyOf(m), List.copyOf(o));
    }

    static List<String> paths(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(Arrays.asList(more));
        return out;
    }

    /**
     * A config with a rule for every duty-bearing event type, in the spirit of DOMAIN.md: the leak
     * tests run on it whether or not the shipped config loads yet.
     */
    public static HubConfig sampleConfig() {
        Where c = Where.CENTRE;
        String childWelfare = "/data/caseContext/childWelfareCaseOpen";
        List<Rule> rules = List.of(
                rule("O1", ARRIVED, null, Priority.NORMAL, "arrival", to(Role.STATSFORVALTER, c)),
                rule("O2", ARRIVED, null, Priority.NORMAL, "arrival", to(Role.BARNEVERN, c)),
                rule("O3", ARRIVED, null, Priority.NORMAL, "schooling", to(Role.SCHOOL, c)),
                rule("O4", RELOCATION, eq(childWelfare, true), Priority.HIGH, "investigation", to(Role.BARNEVERN, c)),
                rule("O5", RELOCATION, null, Priority.NORMAL, "housing-and-care", to(Role.UDI_REGIONAL, c)),
                rule("O6", RELOCATION, null, Priority.NORMAL, "representation", to(Role.REPRESENTATIVE, Where.EVENT_CONTACT)),
                rule("O7", DEPARTED, null, Priority.NORMAL, "relocation", to(Role.STATSFORVALTER, c), to(Role.BARNEVERN, c),
                        to(Role.SCHOOL, c), to(Role.HEALTH_OFFICE, c)),
                rule("O8", DEPARTED, null, Priority.NORMAL, "housing-and-care", to(Role.RECEPTION_CENTRE, Where.TO_CENTRE)),
                rule("O9", TURNING_18, null, Priority.NORMAL, "housing-and-care", to(Role.UDI_REGIONAL, c)),
                rule("O10", TURNING_18, eq(childWelfare, true), Priority.NORMAL, "investigation", to(Role.BARNEVERN, c)),
                rule("O11", PRIVATE_MOVE, null, Priority.NORMAL, "housing-and-care", to(Role.UDI_REGIONAL, c)),
                rule("O12", MOVED, null, Priority.URGENT, "concern-report", to(Role.BARNEVERN, Where.DESTINATION, c)),
                rule("O13", MOVED, null, Priority.URGENT, "housing-and-care", copyTo(Role.UDI_REGIONAL, c),
                        copyTo(Role.IMDI, eq("/data/caseContext/awaitingSettlement", true), c)),
                rule("O14", RETURN, exists("/data/followUpNeeds"), Priority.NORMAL, "return", to(Role.PU, Where.NATIONAL),
                        to(Role.UDI_REGIONAL, c)),
                withFlags(rule("O15", LEAVE_APPLIED, null, Priority.HIGH, "leave", to(Role.UDI_REGIONAL, c)),
                        LeaveChecks.RULE_FLAG),
                rule("O16", LEAVE_APPLIED, test("/data/caseContext/asylumStage", Condition.Op.IN,
                        List.of("dublin", "final_rejection")), Priority.HIGH, "return", to(Role.PU, Where.NATIONAL)),
                rule("O17", LEAVE_APPLIED, null, Priority.HIGH, "leave-objections",
                        to(Role.POLICE_DISTRICT, Where.LEAVE_DESTINATION, c), to(Role.REPRESENTATIVE, Where.EVENT_CONTACT)),
                rule("O18", LEAVE_DECIDED, eq("/data/decision", "granted"), Priority.NORMAL, "representation",
                        to(Role.REPRESENTATIVE, Where.EVENT_CONTACT)),
                rule("O19", LEAVE_OVERDUE, null, Priority.URGENT, "housing-and-care", to(Role.UDI_REGIONAL, c)),
                rule("O20", MISSING, null, Priority.URGENT, "housing-and-care", to(Role.UDI_REGIONAL, c)),
                rule("O21", MISSING, null, Priority.URGENT, "missing-person", to(Role.POLICE_DISTRICT, c)),
                rule("O22", MISSING, null, Priority.URGENT, "concern-report", to(Role.BARNEVERN, Where.KNOWN_WHEREABOUTS, c)),
                rule("O23", MISSING, null, Priority.URGENT, "representation", to(Role.REPRESENTATIVE, Where.EVENT_CONTACT),
                        to(Role.LAWYER, Where.EVENT_CONTACT)),
                withRaise(rule("O24", MISSING, exists("/data/caseContext/appointments/*/at"), Priority.NORMAL, "asylum-process",
                        to(Role.UDI_BFE, Where.NATIONAL)),
                        new Rule.Raise(test("/data/caseContext/appointments/*/at", Condition.Op.WITHIN_HOURS, 72), Priority.HIGH)),
                rule("O25", RETURNED, null, Priority.HIGH, "housing-and-care", to(Role.UDI_REGIONAL, c)),
                rule("O26", RETURNED, eq("/data/concernForNeglect", true), Priority.URGENT, "concern-report", to(Role.BARNEVERN, c)),
                rule("O27", RETURNED, all(exists("/data/asylumRelevantInfo"),
                        eq("/data/caseContext/consents/disclosureToOthers", true)), Priority.NORMAL, "asylum-info",
                        to(Role.UDI_REGIONAL, c)),
                rule("O28", CASE_DECIDED, eq("/data/decision", "residence_permit_settlement"), Priority.NORMAL, "settlement",
                        to(Role.IMDI, c)),
                rule("O29", SETTLEMENT, null, Priority.NORMAL, "settlement", to(Role.MUNICIPALITY, Where.SETTLEMENT)),
                rule("O30", MAPPING, null, Priority.NORMAL, "settlement", to(Role.IMDI, c)),
                rule("O31", AMOT_APPLICATION, eq("/data/person/unaccompaniedMinor", true), Priority.NORMAL, "amot",
                        to(Role.IMDI, Where.AMOT)),
                rule("O32", AMOT_APPLICATION, eq("/data/groundedOnFamily", true), Priority.NORMAL, "investigation",
                        to(Role.BARNEVERN, Where.AMOT)),
                rule("O34", AMOT_REQUEST, null, Priority.NORMAL, "amot", to(Role.MUNICIPALITY, Where.AMOT)),
                rule("O35", AMOT_AGREEMENT, null, Priority.NORMAL, "amot", to(Role.MUNICIPALITY, Where.AMOT)),
                rule("O36", AMOT_SIGNED, null, Priority.NORMAL, "amot", to(Role.MUNICIPALITY, Where.AMOT),
                        copyTo(Role.NOARK_ARCHIVE, Where.NATIONAL)),
                rule("O38", CASE_DECIDED, all(eq("/data/decision", "final_rejection"), eq("case:activeAmotAgreement", true)),
                        Priority.HIGH, "amot", to(Role.MUNICIPALITY, Where.AMOT)));

        List<String> placement = List.of("/data/centre", "/data/toCentre", "/data/address", "/data/destination",
                "/data/knownWhereabouts");
        List<String> care = List.of("/data/caseContext/specialNeeds", "/data/careSituation", "/data/mappingSummary",
                "/data/actionPlan");
        List<String> contacts = List.of("/data/caseContext/representative", "/data/caseContext/lawyer",
                "/data/hosts/*/name", "/data/hosts/*/phone", "/data/contactPersons");
        List<String> events = List.of("/data/missingSince", "/data/lastSeen", "/data/circumstances", "/data/description",
                "/data/movedAt", "/data/relationToHost", "/data/returnedAt", "/data/concernForNeglect");
        List<String> caseStatus = List.of("/data/caseContext/asylumStage", "/data/caseContext/appointments",
                "/data/caseContext/awaitingSettlement", "/data/decision", "/data/decidedAt");
        List<String> udi = new ArrayList<>(IDENTITY);
        udi.addAll(placement);
        udi.addAll(care);
        udi.addAll(caseStatus);
        udi.addAll(events);
        udi.addAll(List.of("/data/hosts", "/data/plannedDate", "/data/reason", "/data/departedAt", "/data/eighteenOn",
                "/data/clearances", "/data/returnDate", "/data/destinationCountry", "/data/followUpNeeds",
                "/data/leaveId", "/data/returnBy", "/data/caseContext/childWelfareCaseOpen"));
        List<String> barnevern = new ArrayList<>(IDENTITY);
        barnevern.addAll(placement);
        barnevern.addAll(care);
        barnevern.addAll(contacts);
        barnevern.addAll(events);
        barnevern.addAll(List.of("/data/clearances", "/data/plannedDate", "/data/groundedOnFamily", "/data/justification",
                "/data/municipalityNumber", "/data/arrivedAt", "/data/departedAt", "/data/eighteenOn"));

        Policy[] policies = {
                policy(Role.STATSFORVALTER, "arrival", paths(IDENTITY, "/data/centre", "/data/arrivedAt")),
                policy(Role.BARNEVERN, "arrival", paths(NAME_ONLY, "/data/centre", "/data/arrivedAt", "/data/caseContext/representative/name")),
                policy(Role.SCHOOL, "schooling", paths(NAME_ONLY, "/data/person/languages/*", "/data/centre/name",
                        "/data/centre/municipalityNumber", "/data/schooling")),
                policy(Role.BARNEVERN, "investigation", barnevern, List.of()),
                policy(Role.BARNEVERN, "concern-report", barnevern, List.of()),
                policy(Role.UDI_REGIONAL, "housing-and-care", udi, List.of()),
                policy(Role.REPRESENTATIVE, "representation", paths(NAME_ONLY, "/data/centre/name", "/data/plannedDate",
                        "/data/toCentre/name", "/data/leaveId", "/data/decision", "/data/returnBy", "/data/missingSince"),
                        List.of("/data/lastSeen", "/data/circumstances")),
                policy(Role.LAWYER, "representation", paths(NAME_ONLY, "/data/missingSince"), List.of("/data/lastSeen")),
                policy(Role.STATSFORVALTER, "relocation", paths(NAME_ONLY, "/data/toCentre", "/data/departedAt")),
                policy(Role.BARNEVERN, "relocation", paths(NAME_ONLY, "/data/toCentre", "/data/departedAt")),
                policy(Role.SCHOOL, "relocation", paths(NAME_ONLY, "/data/toCentre/name", "/data/toCentre/municipalityNumber")),
                policy(Role.HEALTH_OFFICE, "relocation", paths(NAME_ONLY, "/data/toCentre", "/data/caseContext/healthNotes")),
                policy(Role.RECEPTION_CENTRE, "housing-and-care", paths(IDENTITY, "/data/departedAt", "/data/caseContext/specialNeeds")),
                policy(Role.PU, "return", paths(IDENTITY, "/data/returnDate", "/data/destinationCountry", "/data/followUpNeeds",
                        "/data/caseContext/asylumStage", "/data/leaveId", "/data/from", "/data/to", "/data/abroad",
                        "/data/destination/postTown")),
                policy(Role.UDI_REGIONAL, "return", udi, List.of()),
                policy(Role.UDI_REGIONAL, "leave", paths(udi, "/data/from", "/data/to", "/data/abroad", "/data/contactPersons",
                        "/data/checks"), List.of()),
                policy(Role.POLICE_DISTRICT, "leave-objections", paths(NAME_ONLY, "/data/destination", "/data/from", "/data/to",
                        "/data/contactPersons/*/name", "/data/contactPersons/*/birthDate")),
                policy(Role.REPRESENTATIVE, "leave-objections", paths(NAME_ONLY, "/data/destination/postTown", "/data/from",
                        "/data/to", "/data/reason"), List.of("/data/contactPersons/*/name", "/data/contactPersons/*/relation")),
                policy(Role.POLICE_DISTRICT, "missing-person", paths(IDENTITY, "/data/centre", "/data/missingSince",
                        "/data/lastSeen", "/data/circumstances", "/data/description", "/data/knownWhereabouts")),
                policy(Role.UDI_BFE, "asylum-process", paths(NAME_ONLY, "/data/caseContext/appointments/*/kind",
                        "/data/caseContext/appointments/*/at", "/data/missingSince")),
                policy(Role.UDI_REGIONAL, "asylum-info", paths(NAME_ONLY, "/data/asylumRelevantInfo", "/data/returnedAt")),
                policy(Role.IMDI, "settlement", paths(IDENTITY, "/data/centre", "/data/mappingSummary", "/data/actionPlan",
                        "/data/newInformation", "/data/decision", "/data/decidedAt")),
                policy(Role.IMDI, "housing-and-care", paths(NAME_ONLY, "/data/address", "/data/movedAt")),
                policy(Role.MUNICIPALITY, "settlement", paths(IDENTITY, "/data/settlementMunicipalityNumber", "/data/decidedAt")),
                policy(Role.IMDI, "amot", paths(NAME_ONLY, "/data/applicationId", "/data/municipalityNumber", "/data/justification")),
                policy(Role.MUNICIPALITY, "amot", List.of("/data/applicationId", "/data/agreementId", "/data/municipalityNumber",
                        "/data/recommendation", "/data/documentRef", "/data/signedAt", "/data/decision"), NAME_ONLY),
                policy(Role.NOARK_ARCHIVE, "amot", "/data/agreementId", "/data/municipalityNumber", "/data/signedAt",
                        "/data/documentRef", "/data/person/dufNumber"),
        };
        return new HubConfig(sampleDirectory(), rules, new Policies(List.of(policies), Map.of()));
    }

    /** Every role the sample config's rules name. */
    static Set<Role> roles(HubConfig config) {
        Set<Role> out = new HashSet<>();
        config.rules().forEach(r -> r.recipients().forEach(x -> out.add(x.role())));
        return out;
    }
}

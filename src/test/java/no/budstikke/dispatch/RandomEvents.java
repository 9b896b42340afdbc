package no.budstikke.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import no.budstikke.model.CaseState;

/**
 * Random but contract-shaped events for the property-style tests, built from the per-type valid
 * fixtures: the optional blocks (case context, contacts, whereabouts…) are filled in at random,
 * places are drawn from the example municipalities (and one unknown), and every identity and
 * free-text string is replaced by a unique canary. Seeded: the same seed gives the same events.
 */
public final class RandomEvents {

    /** A generated event, the case state to decide it with, and its canaries by event pointer. */
    public record Sample(ObjectNode event, CaseState caseState, Map<String, String> canaries) {
    }

    static final List<String> MUNICIPALITIES = List.of("0301", "4601", "5001", "3403", "1103", "5501", "9999");
    private static final List<String> CENTRES = List.of("C-0301-01", "C-4601-02", "C-5001-01", "C-9999-01");
    private static final List<String> STAGES = List.of("registered", "awaiting_interview", "interviewed", "dublin",
            "decided", "final_rejection");
    private static final List<String> CENTRE_KINDS = List.of("transit", "ordinary", "minors");

    /**
     * Strings that steer the decision rather than describe the person (codes, enums, routing
     * keys, the dates conditions compare); they carry no canary. Everything else does.
     */
    private static final Set<String> STRUCTURAL_NAMES = Set.of("municipalityNumber", "settlementMunicipalityNumber",
            "kind", "gender", "asylumStage", "schooling", "decision");
    private static final Set<String> STRUCTURAL_PATHS = Set.of("/data/centre/id", "/data/toCentre/id", "/data/from");

    private final Random random;
    private final List<String> types;
    private int serial;

    public RandomEvents(long seed) {
        this.random = new Random(seed);
        this.types = Fixtures.validTypes();
    }

    public List<String> types() {
        return types;
    }

    /** The n-th sample cycles through the types so every type is covered evenly. */
    public Sample next(int n) {
        String type = types.get(n % types.size());
        ObjectNode e = Fixtures.valid(type);
        ObjectNode data = (ObjectNode) e.get("data");
        OffsetDateTime time = OffsetDateTime.parse(e.path("time").asText());
        if (data.has("centre")) randomCentre((ObjectNode) data.get("centre"));
        if (data.has("person")) enrichPerson(data, time);
        switch (type) {
            case Fixtures.ARRIVED -> maybe(() -> data.put("fromCentreId", pick(CENTRES)));
            case Fixtures.RELOCATION, Fixtures.DEPARTED -> {
                randomCentre((ObjectNode) data.get("toCentre"));
                ((ObjectNode) data.get("toCentre")).put("id", pick(CENTRES));
                if (type.equals(Fixtures.RELOCATION)) maybe(() -> data.put("reason", "reason"));
            }
            case Fixtures.PRIVATE_MOVE, Fixtures.MOVED -> {
                ((ObjectNode) data.get("address")).put("municipalityNumber", pick(MUNICIPALITIES));
                data.set("hosts", people(1 + random.nextInt(3), false));
                if (data.has("clearances")) data.get("clearances").fieldNames().forEachRemaining(
                        f -> ((ObjectNode) data.get("clearances")).put(f, random.nextBoolean()));
            }
            case Fixtures.RETURN -> maybe(() -> data.put("followUpNeeds", "needs"));
            case Fixtures.LEAVE_APPLIED -> {
                ((ObjectNode) data.get("destination")).put("municipalityNumber", pick(MUNICIPALITIES));
                data.put("abroad", random.nextInt(5) == 0);
                data.set("contactPersons", people(random.nextInt(3), true));
                data.get("checks").fieldNames().forEachRemaining(
                        f -> ((ObjectNode) data.get("checks")).put(f, random.nextInt(4) != 0 == !f.equals("conflictsWithProgramme")));
            }
            case Fixtures.LEAVE_DECIDED -> {
                if (random.nextBoolean()) {
                    data.put("decision", "granted");
                    data.put("returnBy", time.plusDays(5).toString());
                }
            }
            case Fixtures.MISSING -> maybe(() -> data.set("knownWhereabouts", address()));
            case Fixtures.RETURNED -> {
                data.put("concernForNeglect", random.nextBoolean());
                maybe(() -> data.put("asylumRelevantInfo", "info"));
            }
            case Fixtures.CASE_DECIDED -> data.put("decision",
                    pick(List.of("residence_permit_settlement", "final_rejection", "dublin_transfer", "other")));
            case Fixtures.SETTLEMENT -> data.put("settlementMunicipalityNumber", pick(MUNICIPALITIES));
            case Fixtures.AMOT_APPLICATION -> {
                data.put("municipalityNumber", pick(MUNICIPALITIES));
                data.put("groundedOnFamily", random.nextBoolean());
                ((ObjectNode) data.get("consents")).put("personalData", random.nextBoolean()).put("health", random.nextBoolean());
            }
            case Fixtures.AMOT_REQUEST, Fixtures.AMOT_AGREEMENT, Fixtures.AMOT_SIGNED ->
                    data.put("municipalityNumber", pick(MUNICIPALITIES));
            default -> {
            }
        }
        CaseState state = random.nextBoolean() ? CaseState.UNKNOWN
                : Fixtures.facts("activeAmotAgreement", true, "amotMunicipality", pick(MUNICIPALITIES));
        Map<String, String> canaries = new LinkedHashMap<>();
        plant(data, "/data", canaries);
        return new Sample(e, state, canaries);
    }

    private void enrichPerson(ObjectNode data, OffsetDateTime time) {
        ObjectNode person = (ObjectNode) data.get("person");
        person.put("gender", pick(List.of("female", "male", "other", "unknown")));
        maybe(() -> person.put("nationalId", "nid"));
        maybe(() -> person.set("languages", Fixtures.JSON.createArrayNode().add("so").add("ar")));
        if (random.nextInt(5) == 0) return; // some events carry no case context at all
        ObjectNode cc = data.putObject("caseContext");
        maybe(() -> cc.put("childWelfareCaseOpen", random.nextBoolean()));
        maybe(() -> cc.put("asylumStage", pick(STAGES)));
        maybe(() -> cc.put("awaitingSettlement", random.nextBoolean()));
        maybe(() -> {
            ArrayNode appointments = cc.putArray("appointments");
            for (int i = random.nextInt(3); i >= 0; i--) {
                appointments.addObject().put("kind", pick(List.of("asylum_interview", "age_assessment")))
                        .put("at", time.plusHours(random.nextInt(200)).toString());
            }
        });
        maybe(() -> cc.set("representative", contact()));
        maybe(() -> cc.set("lawyer", contact()));
        maybe(() -> cc.put("specialNeeds", "needs"));
        maybe(() -> cc.put("healthNotes", "health"));
        maybe(() -> cc.putObject("consents").put("disclosureToOthers", random.nextBoolean()).put("health", random.nextBoolean()));
    }

    private ObjectNode contact() {
        ObjectNode c = Fixtures.JSON.createObjectNode().put("name", "name");
        int which = random.nextInt(3);
        if (which != 1) c.put("phone", "phone");
        if (which != 2) c.put("email", "email");
        return c;
    }

    private ArrayNode people(int count, boolean withRelation) {
        ArrayNode a = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode p = a.addObject().put("name", "name").put("birthDate", "1990-01-01").put("phone", "phone");
            if (withRelation) p.put("relation", "relation");
        }
        return a;
    }

    private ObjectNode address() {
        return Fixtures.JSON.createObjectNode().put("street", "street").put("postalCode", "0000").put("postTown", "town")
                .put("municipalityNumber", pick(MUNICIPALITIES));
    }

    private void randomCentre(ObjectNode centre) {
        String municipality = pick(MUNICIPALITIES);
        centre.put("municipalityNumber", municipality).put("kind", pick(CENTRE_KINDS));
    }

    /** Replaces every identity and free-text string under {@code node} with a unique canary. */
    private void plant(JsonNode node, String pointer, Map<String, String> canaries) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                String child = pointer + "/" + f.getKey();
                if (f.getValue().isTextual()) {
                    if (!STRUCTURAL_NAMES.contains(f.getKey()) && !STRUCTURAL_PATHS.contains(child)
                            && !child.matches("/data/caseContext/appointments/\\d+/at")) {
                        String canary = canary();
                        f.setValue(TextNode.valueOf(canary));
                        canaries.put(child, canary);
                    }
                } else {
                    plant(f.getValue(), child, canaries);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String child = pointer + "/" + i;
                if (a.get(i).isTextual()) {
                    String canary = canary();
                    a.set(i, TextNode.valueOf(canary));
                    canaries.put(child, canary);
                } else {
                    plant(a.get(i), child, canaries);
                }
            }
        }
    }

    /** Unique and never a prefix of another: a fixed-width serial plus random letters. */
    private String canary() {
        StringBuilder sb = new StringBuilder(String.format("Cnry%06dx", serial++));
        for (int i = 0; i < 6; i++) sb.append((char) ('a' + random.nextInt(26)));
        return sb.toString();
    }

    private void maybe(Runnable r) {
        if (random.nextBoolean()) r.run();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}

package no.budstikke.dispatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.model.Condition.Op;
import no.budstikke.model.Condition;
import no.budstikke.model.Where;

/**
 * Turns a schema-valid condition of routing-rules.yaml into a {@link Condition}, checking what the
 * schema cannot: one subject and one test per leaf, and that the path exists in the contract for the
 * rule's event type with values it can take. A condition on a misspelt path would never hold, and
 * its duty would silently never fire.
 */
public final class ConditionReader {

    static final String CASE_PREFIX = "case:";

    /** What the hub knows of a case, by name: the JSON type of its value. */
    static final Map<String, String> CASE_FACTS = Map.of("activeAmotAgreement", "boolean", "amotMunicipality", "string",
            "openEpisode", "boolean", "pendingLeave", "boolean", "awaitingSettlement", "boolean",
            "childWelfareCaseOpen", "boolean", "upcomingAppointment", "boolean", "lastCentreMunicipality", "string",
            "turning18Requested", "boolean");

    private static final Map<String, Op> OPS = Map.of(
            "equals", Op.EQUALS, "notEquals", Op.NOT_EQUALS, "in", Op.IN,
            "exists", Op.EXISTS, "absent", Op.ABSENT, "withinHours", Op.WITHIN_HOURS, "ahead", Op.AHEAD);
    private static final Map<String, Condition.Area> AREAS = Map.of(
            "municipality", Condition.Area.MUNICIPALITY, "county", Condition.Area.COUNTY,
            "policeDistrict", Condition.Area.POLICE_DISTRICT, "udiRegion", Condition.Area.UDI_REGION,
            "imdiRegion", Condition.Area.IMDI_REGION);
    private static final Set<String> COMBINATORS = Set.of("all", "any", "not");

    private final YamlFile file;
    private final ContractFields contract;
    private final Problems problems;

    public ConditionReader(YamlFile file, ContractFields contract, Problems problems) {
        this.file = file;
        this.contract = contract;
        this.problems = problems;
    }

    /** The condition at {@code at}, or empty when it is broken (the problem is recorded). {@code type} may be null if unknown. */
    public Optional<Condition> read(JsonNode node, String at, String type) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        List<String> combinators = keys.stream().filter(COMBINATORS::contains).toList();
        if (!combinators.isEmpty()) {
            if (keys.size() > 1) {
                problems.add(file, at, "'" + combinators.get(0) + "' is combined with " + others(keys, combinators.get(0)),
                        "'" + combinators.get(0) + "' alone in its map; put further tests inside it");
                return Optional.empty();
            }
            String c = combinators.get(0);
            if (c.equals("not")) {
                return read(node.get("not"), at + "/not", type).map(Condition.Not::new);
            }
            List<Condition> parts = new ArrayList<>();
            boolean ok = true;
            JsonNode list = node.get(c);
            for (int i = 0; i < list.size(); i++) {
                Optional<Condition> part = read(list.get(i), at + "/" + c + "/" + i, type);
                ok &= part.isPresent();
                part.ifPresent(parts::add);
            }
            if (!ok) return Optional.empty();
            return Optional.of(c.equals("all") ? new Condition.All(List.copyOf(parts)) : new Condition.Any(List.copyOf(parts)));
        }
        if (keys.contains("differs") || keys.contains("between")) {
            return differs(node, at, keys, type);
        }
        return test(node, at, keys, type);
    }

    private Optional<Condition> differs(JsonNode node, String at, List<String> keys, String type) {
        if (!keys.contains("differs") || !keys.contains("between") || keys.size() != 2) {
            problems.add(file, at, "a 'differs' test needs exactly the keys differs and between",
                    "{differs: udiRegion, between: [AMOT, CENTRE]}");
            return Optional.empty();
        }
        Where first = Where.valueOf(node.get("between").get(0).asText());
        Where second = Where.valueOf(node.get("between").get(1).asText());
        boolean ok = true;
        if (first == second) {
            problems.add(file, at + "/between", "both places are " + first, "two different places, e.g. [AMOT, CENTRE]");
            ok = false;
        }
        if (type != null) {
            ok &= RulesReader.placeAvailable(file, at + "/between/0", first, type, contract, problems);
            ok &= RulesReader.placeAvailable(file, at + "/between/1", second, type, contract, problems);
        }
        return ok ? Optional.of(new Condition.Differs(AREAS.get(node.get("differs").asText()), first, second)) : Optional.empty();
    }

    private Optional<Condition> test(JsonNode node, String at, List<String> keys, String type) {
        List<String> subjects = keys.stream().filter(k -> k.equals("path") || k.equals("case")).toList();
        List<String> ops = keys.stream().filter(OPS::containsKey).toList();
        String shape = "one subject (path: /data/... or case: <name>) and one test (equals, notEquals, in, exists: true, absent: true, withinHours or ahead: true)";
        if (subjects.size() != 1) {
            problems.add(file, at, subjects.isEmpty() ? "the test has no subject" : "the test has both a path and a case", shape);
            return Optional.empty();
        }
        if (ops.size() != 1) {
            problems.add(file, at, ops.isEmpty() ? "the test says nothing about its subject" : "the test has several tests " + ops, shape);
            return Optional.empty();
        }
        String opKey = ops.get(0);
        Op op = OPS.get(opKey);
        JsonNode value = node.get(opKey);
        String valueAt = at + "/" + opKey;
        if (subjects.get(0).equals("case")) {
            String name = node.get("case").asText();
            String kind = CASE_FACTS.get(name);
            if (op == Op.WITHIN_HOURS || op == Op.AHEAD) {
                problems.add(file, valueAt, opKey + " on case fact '" + name + "'", opKey + " only on a date-time field of the event");
                return Optional.empty();
            }
            if (!valuesFit(value, op, kind, null, valueAt, "case fact '" + name + "'")) return Optional.empty();
            return Optional.of(new Condition.Test(CASE_PREFIX + name, op, stored(op, value)));
        }
        String path = node.get("path").asText();
        String pathAt = at + "/path";
        if (!Pointers.valid(path)) {
            problems.add(file, pathAt, "'" + path + "' is not a JSON pointer", "'/'-separated names such as /data/caseContext/asylumStage, with '~' only as ~0 or ~1");
            return Optional.empty();
        }
        JsonNode field = null;
        if (type != null) {
            field = contract.field(type, path);
            if (field == null) {
                problems.add(file, pathAt, "the event type " + type + " has no field " + path + Suggest.didYouMean(path, contract.fields(type)),
                        "a field of that type in the contract (EVENTS.md), '*' for list elements");
                return Optional.empty();
            }
            if ((op == Op.WITHIN_HOURS || op == Op.AHEAD) && !"date-time".equals(field.path("format").asText())) {
                problems.add(file, valueAt, opKey + " on " + path + ", which is not a date-time", opKey + " only on a date-time field such as /data/caseContext/appointments/*/at");
                return Optional.empty();
            }
        }
        String kind = field == null ? null : jsonType(field);
        if (!valuesFit(value, op, kind, field, valueAt, path)) return Optional.empty();
        return Optional.of(new Condition.Test(path, op, stored(op, value)));
    }

    /** Checks the compared values against what the subject can hold; records a problem and returns false if they never could match. */
    private boolean valuesFit(JsonNode value, Op op, String kind, JsonNode field, String at, String subject) {
        if (op != Op.EQUALS && op != Op.NOT_EQUALS && op != Op.IN) return true;
        if (kind != null && (kind.equals("object") || kind.equals("array"))) {
            problems.add(file, at, subject + " is a " + (kind.equals("object") ? "map" : "list") + ", which never equals a single value",
                    "exists: true or absent: true, or a path to one value inside it");
            return false;
        }
        List<JsonNode> values = new ArrayList<>();
        if (op == Op.IN) value.forEach(values::add);
        else values.add(value);
        boolean ok = true;
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            String vAt = op == Op.IN ? at + "/" + i : at;
            if (field != null && field.has("enum")) {
                boolean known = false;
                List<String> allowed = new ArrayList<>();
                for (JsonNode e : field.get("enum")) {
                    allowed.add(e.asText());
                    known |= e.equals(v);
                }
                if (!known) {
                    problems.add(file, vAt, "'" + v.asText() + "' is not a value " + subject + " can take" + Suggest.didYouMean(v.asText(), allowed),
                            "one of " + String.join(", ", allowed));
                    ok = false;
                }
            } else if (kind != null && !kind.equals(nodeType(v))) {
                problems.add(file, vAt, "'" + v.asText() + "' is a " + nodeType(v) + " but " + subject + " holds a " + kind,
                        kind.equals("boolean") ? "true or false (without quotes)" : "a " + kind + (kind.equals("string") ? " (in quotes)" : ""));
                ok = false;
            }
        }
        return ok;
    }

    private static JsonNode stored(Op op, JsonNode value) {
        return op == Op.EXISTS || op == Op.ABSENT ? BooleanNode.TRUE : value.deepCopy();
    }

    private static String jsonType(JsonNode schema) {
        if (schema.has("type") && schema.get("type").isTextual()) {
            String t = schema.get("type").asText();
            return t.equals("integer") ? "number" : t;
        }
        if (schema.has("enum")) return null; // checked against the enum itself
        if (schema.has("properties")) return "object";
        if (schema.has("items")) return "array";
        return null;
    }

    private static String nodeType(JsonNode v) {
        if (v.isTextual()) return "string";
        if (v.isNumber()) return "number";
        if (v.isBoolean()) return "boolean";
        return v.isArray() ? "array" : "object";
    }

    private static String others(List<String> keys, String except) {
        return String.join(", ", keys.stream().filter(k -> !k.equals(except)).toList());
    }
}

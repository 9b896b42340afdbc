package no.budstikke.dispatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import no.budstikke.contract.ContractValidator;

/**
 * The field paths of every event type, read from the contract's JSON Schemas on the classpath, so
 * the configuration can be checked against the contract: a path with a typo would otherwise make a
 * condition silently false or a field silently withheld. Paths are JSON pointers into the whole
 * event; {@code *} stands for the elements of an array.
 */
public final class ContractFields {

    private static final String BASE = "schemas/events/";
    private static final String COMMON = "../common.schema.json";
    private static final Set<String> ENVELOPE =
            Set.of("/specversion", "/id", "/source", "/type", "/time", "/datacontenttype", "/subject", "/dataschema");

    private final Map<String, Map<String, JsonNode>> byType = new LinkedHashMap<>();
    private final Map<String, JsonNode> union = new LinkedHashMap<>();
    private final Set<String> dataLeaves = new LinkedHashSet<>();

    private ContractFields(Set<String> types) {
        ObjectMapper json = new ObjectMapper();
        JsonNode common = read(json, BASE + "common.schema.json");
        for (String type : types) {
            JsonNode data = read(json, BASE + "data/" + type + ".schema.json");
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            ENVELOPE.forEach(p -> fields.put(p, json.createObjectNode()));
            walk(data, data, common, "/data", fields, 0);
            byType.put(type, Collections.unmodifiableMap(fields));
            fields.forEach((p, s) -> {
                if (p.equals("/data") || p.startsWith("/data/")) union.putIfAbsent(p, s);
            });
        }
        for (String p : union.keySet()) {
            boolean parent = union.keySet().stream().anyMatch(q -> q.startsWith(p + "/"));
            if (!parent) dataLeaves.add(p);
        }
    }

    private static final ContractFields INSTANCE = new ContractFields(ContractValidator.fromClasspath().knownTypes());

    public static ContractFields get() {
        return INSTANCE;
    }

    Set<String> types() {
        return byType.keySet();
    }

    /** The schema of a field of the given type (after resolving $ref), or null when the type has no such field. */
    public JsonNode field(String type, String pointer) {
        Map<String, JsonNode> fields = byType.get(type);
        return fields == null ? null : fields.get(pointer);
    }

    /**
     * Whether some type has this path, in the envelope or under {@code /data} ({@code *} for an
     * array element): a name the contract chose, not the sender.
     */
    public boolean isContractPath(String pointer) {
        return ENVELOPE.contains(pointer) || union.containsKey(pointer);
    }

    /** Whether some type has this field under {@code /data}. */
    boolean anyTypeHas(String pointer) {
        return union.containsKey(pointer);
    }

    Set<String> fields(String type) {
        return byType.getOrDefault(type, Map.of()).keySet();
    }

    Set<String> allDataFields() {
        return union.keySet();
    }

    /** The fields under {@code /data} that hold a value rather than more fields. */
    Set<String> dataLeaves() {
        return dataLeaves;
    }

    private static void walk(JsonNode schema, JsonNode doc, JsonNode common, String pointer, Map<String, JsonNode> out, int depth) {
        if (depth > 20) return; // the contract has no recursive types; this only guards against a broken schema
        JsonNode s = schema;
        JsonNode d = doc;
        while (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            int hash = ref.indexOf('#');
            String file = hash < 0 ? ref : ref.substring(0, hash);
            String fragment = hash < 0 ? "" : ref.substring(hash + 1);
            if (file.equals(COMMON) || file.equals("common.schema.json")) d = common;
            else if (!file.isEmpty()) throw new IllegalStateException("unexpected $ref in the contract: " + ref);
            s = d.at(fragment);
        }
        out.put(pointer, s);
        JsonNode in = d;
        s.path("properties").fields().forEachRemaining(e ->
                walk(e.getValue(), in, common, pointer + "/" + escape(e.getKey()), out, depth + 1));
        if (s.has("items")) walk(s.get("items"), in, common, pointer + "/*", out, depth + 1);
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode read(ObjectMapper json, String resource) {
        try (InputStream in = ContractFields.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("contract schema missing from the classpath: " + resource);
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

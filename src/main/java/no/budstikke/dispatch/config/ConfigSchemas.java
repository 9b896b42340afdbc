package no.budstikke.dispatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates the configuration files (the three of dispatch, and deadlines.yaml) against their JSON Schemas in
 * {@code classpath:schemas/config/} (draft 2020-12) and words each failure for ops: what is wrong,
 * what is expected, at the key or item concerned. Config holds no personal data, so values may be quoted.
 */
public final class ConfigSchemas {

    static final String SCHEMA_BASE = "https://budstikke.example/schemas/config/";
    private static final String CLASSPATH_BASE = "classpath:schemas/config/";

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
            .schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, CLASSPATH_BASE))
            .schemaLoaders(loaders -> loaders.values(list ->
                    list.add(0, new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"))))));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    private final Map<String, JsonSchema> schemas = new LinkedHashMap<>();

    public ConfigSchemas() {
    }

    /** Validates the file; returns true when it conforms. Problems are added in document order. */
    public boolean validate(YamlFile file, String schemaFile, Problems problems) {
        JsonSchema schema = schemas.computeIfAbsent(schemaFile, f -> {
            JsonSchema s = factory.getSchema(SchemaLocation.of(SCHEMA_BASE + f), config);
            s.initializeValidators();
            return s;
        });
        List<Found> found = new ArrayList<>();
        for (ValidationMessage m : schema.validate(file.root())) {
            found.add(word(file, schema.getSchemaNode(), m));
        }
        found.sort(Comparator.comparingInt((Found f) -> file.line(f.pointer)).thenComparing(Found::pointer).thenComparing(Found::wrong));
        String last = null;
        for (Found f : found) {
            String key = f.pointer + "\u0000" + f.wrong;
            if (key.equals(last)) continue;
            last = key;
            problems.add(file, f.pointer, f.wrong, f.expected);
        }
        return found.isEmpty();
    }

    private record Found(String pointer, String wrong, String expected) {
    }

    private Found word(YamlFile file, JsonNode schemaRoot, ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        JsonNode keyword = m.getSchemaNode();
        JsonNode owner = owner(schemaRoot, m);
        JsonNode value = m.getInstanceNode();
        return switch (m.getType()) {
            case "required" -> new Found(at, "missing key '" + m.getProperty() + "'",
                    m.getProperty() + ": " + describe(owner.path("properties").path(m.getProperty())));
            case "additionalProperties" -> new Found(child(at, m.getProperty()), "unknown key '" + m.getProperty() + "'",
                    "one of " + names(owner.path("properties").fieldNames()) + " (check the spelling)");
            case "propertyNames" -> new Found(child(at, m.getProperty()), "'" + m.getProperty() + "' is not allowed as a key",
                    describe(keyword));
            case "enum" -> new Found(at, shown(file, at, value) + " is not allowed", "one of " + values(keyword));
            case "const" -> new Found(at, shown(file, at, value) + " is not allowed", shown(keyword));
            case "type" -> new Found(at, "found " + kind(file, at, value), typeName(keyword) + hint(keyword, value, owner));
            case "pattern" -> new Found(at, shown(file, at, value) + " is not well-formed", describe(owner));
            case "minItems" -> new Found(at, "the list has too few items", "at least " + keyword.asInt() + (keyword.asInt() == 1 ? " item" : " items"));
            case "maxItems" -> new Found(at, "the list has too many items", "at most " + keyword.asInt() + " items");
            case "minProperties" -> new Found(at, "the map is empty", describe(owner));
            case "maxProperties" -> new Found(at, "too many keys", describe(owner));
            case "minLength" -> new Found(at, "the text is empty", describe(owner));
            case "minimum" -> new Found(at, shown(file, at, value) + " is too small", "at least " + keyword.asText());
            case "uniqueItems" -> new Found(at, "an item is listed twice", "each item once");
            default -> new Found(at, "breaks the '" + m.getType() + "' rule of the schema", describe(owner));
        };
    }

    /** The schema object that holds the failing keyword (its parent in the schema document). */
    private static JsonNode owner(JsonNode root, ValidationMessage m) {
        String location = m.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        String fragment = hash < 0 ? "" : location.substring(hash + 1);
        int slash = fragment.lastIndexOf('/');
        return slash <= 0 ? root : root.at(fragment.substring(0, slash));
    }

    private static String describe(JsonNode schema) {
        if (schema.hasNonNull("description") && schema.has("enum")) {
            return schema.get("description").asText() + ": one of " + values(schema.get("enum"));
        }
        if (schema.hasNonNull("description")) return schema.get("description").asText();
        if (schema.has("enum")) return "one of " + values(schema.get("enum"));
        if (schema.has("pattern")) return "text matching " + schema.get("pattern").asText();
        if (schema.has("type")) return typeName(schema.get("type"));
        return "what the schema describes";
    }

    private static String hint(JsonNode type, JsonNode value, JsonNode owner) {
        String d = owner.path("description").asText("");
        String base = d.isEmpty() ? "" : " (" + d + ")";
        if (type.asText().equals("string") && value != null && value.isNumber()) {
            return base + "; put numbers such as municipality and county numbers in quotes, e.g. \"0301\"";
        }
        return base;
    }

    private static String kind(YamlFile file, String at, JsonNode value) {
        if (value == null || value.isNull()) return "nothing (an empty value)";
        if (value.isObject()) return "a map";
        if (value.isArray()) return "a list";
        String raw = file.rawScalar(at).orElse(value.asText());
        if (value.isNumber()) return "the number " + raw;
        if (value.isBoolean()) return "the boolean " + raw;
        return "the text '" + raw + "'";
    }

    private static String shown(YamlFile file, String at, JsonNode value) {
        if (value == null) return "the value";
        if (value.isContainerNode()) return value.isObject() ? "a map" : "a list";
        return "'" + file.rawScalar(at).orElse(value.asText()) + "'";
    }

    private static String shown(JsonNode value) {
        return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    }

    private static String typeName(JsonNode type) {
        List<String> names = new ArrayList<>();
        if (type.isArray()) type.forEach(t -> names.add(article(t.asText())));
        else names.add(article(type.asText()));
        return String.join(" or ", names);
    }

    private static String article(String type) {
        return switch (type) {
            case "object" -> "a map";
            case "array" -> "a list";
            case "integer" -> "a whole number";
            case "boolean" -> "true or false";
            case "null" -> "nothing";
            default -> "a " + type;
        };
    }

    private static String values(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return String.join(", ", out);
    }

    private static String names(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return String.join(", ", out);
    }

    private static String child(String pointer, String name) {
        return pointer + "/" + ContractFields.escape(name);
    }
}

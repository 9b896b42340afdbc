package no.budstikke.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a networknt {@link ValidationMessage} into a {@link Violation}. The library's own messages are
 * not used because several of them quote the instance value; ours are built only from the keyword and
 * the schema, so they can never leak personal data.
 */
final class ViolationMessages {

    static final String UNKNOWN_TYPE = "unknown event type; expected one of the contract's types";

    private static final Pattern DIGITS = Pattern.compile("\\^\\[0-9\\]\\{(\\d+)\\}\\$");

    /** Human wording for the schemas' patterns; {@code ContractSchemasTest} checks that none is missing. */
    private static final Map<String, String> PATTERNS = Map.of(
            "^[A-Z]{3}$", "must be an ISO 3166-1 alpha-3 country code (3 capital letters)",
            "^[a-z]{2}$", "must be an ISO 639-1 language code (2 lowercase letters)",
            "^[0-9]{4}-T[1-3]$", "must be a tertial YYYY-T1, YYYY-T2 or YYYY-T3",
            // The hub's own source (urn:no:budstikke:schedule) is not named: no sender may use it.
            "^(urn:no:udi:mot:centre:[A-Za-z0-9._-]+|urn:no:budstikke:schedule)$", "must be urn:no:udi:mot:centre:<centreId> for a MOT event type",
            "^(urn:no:udi:duf|urn:no:budstikke:schedule)$", "must be urn:no:udi:duf for a DUF event type",
            "^(urn:no:udi:mot:centre:[A-Za-z0-9._-]+|urn:no:udi:duf|urn:no:budstikke:schedule)$",
            "must be urn:no:udi:mot:centre:<centreId> or urn:no:udi:duf",
            "^[a-z0-9]{1,20}$", "attribute name must be 1 to 20 lowercase letters a-z or digits 0-9 (CloudEvents 1.0)");

    private static final Map<String, String> FORMATS = Map.of(
            "date", "must be a date YYYY-MM-DD",
            "date-time", "must be an RFC 3339 date-time with offset, YYYY-MM-DDThh:mm:ss followed by Z or +hh:mm/-hh:mm",
            "uri", "must be an absolute URI");

    private final Set<String> knownTypes;

    ViolationMessages(Set<String> knownTypes) {
        this.knownTypes = knownTypes;
    }

    Violation toViolation(ValidationMessage m) {
        String pointer = m.getInstanceLocation().toString();
        JsonNode schema = m.getSchemaNode();
        return switch (m.getType()) {
            case "required" -> new Violation(pointer, "required property '" + m.getProperty() + "' is missing");
            // Both report at the parent object; point at the offending property instead.
            case "additionalProperties" -> new Violation(child(pointer, m.getProperty()), "unknown property (not in the contract)");
            case "propertyNames" -> new Violation(child(pointer, m.getProperty()),
                    patternMessage(schema.path("pattern").asText("")));
            default -> new Violation(pointer, message(m.getType(), schema));
        };
    }

    private String message(String keyword, JsonNode schema) {
        return switch (keyword) {
            case "type" -> "must be " + typeNames(schema);
            case "enum" -> enumMessage(schema);
            case "const" -> "must be " + schema.asText();
            case "format" -> FORMATS.getOrDefault(schema.asText(), "must be a valid " + schema.asText());
            case "pattern" -> patternMessage(schema.asText());
            case "minLength" -> schema.asInt() == 1 ? "must not be empty" : "must be at least " + schema.asInt() + " characters";
            case "maxLength" -> "must be at most " + schema.asInt() + " characters";
            case "minItems" -> "must have at least " + schema.asInt() + (schema.asInt() == 1 ? " item" : " items");
            case "maxItems" -> "must have at most " + schema.asInt() + " items";
            case "false" -> "not allowed";
            default -> "breaks the contract's '" + keyword + "' rule";
        };
    }

    /** Package-visible so the schema test can check that every pattern has wording of its own. */
    static String patternMessage(String regex) {
        String known = PATTERNS.get(regex);
        if (known != null) {
            return known;
        }
        Matcher digits = DIGITS.matcher(regex);
        return digits.matches() ? "must be " + digits.group(1) + " digits" : "must match the pattern " + regex;
    }

    private String enumMessage(JsonNode values) {
        List<String> names = new ArrayList<>();
        values.forEach(v -> names.add(v.asText()));
        if (knownTypes.equals(Set.copyOf(names))) {
            return UNKNOWN_TYPE; // listing all 21 types would drown the message
        }
        return "must be one of " + names;
    }

    private static String typeNames(JsonNode type) {
        if (!type.isArray()) {
            return article(type.asText());
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(t.asText()));
        if (names.size() == 1) {
            return article(names.get(0));
        }
        return "a " + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String article(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    /** Appends one RFC 6901 reference token, escaping '~' and '/'. */
    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }
}

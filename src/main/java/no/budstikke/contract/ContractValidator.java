package no.budstikke.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.AllowSchemaLoader;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Validates inbound events against the contract's JSON Schemas in {@code classpath:schemas/events/}.
 * Immutable and thread-safe once built; build it once and share it.
 */
public final class ContractValidator {

    /** The schemas' {@code $id} prefix; it is only ever resolved from the classpath. */
    static final String SCHEMA_BASE = "https://budstikke.example/schemas/events/";
    static final String CLASSPATH_BASE = "classpath:schemas/events/";

    private static final Comparator<Violation> ORDER =
            Comparator.comparing(Violation::pointer).thenComparing(Violation::message);

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final JsonSchema eventSchema;
    private final Set<String> knownTypes;
    private final ViolationMessages messages;
    private final ConcurrentMap<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private ContractValidator() {
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, CLASSPATH_BASE))
                // Refuse anything that is not on the classpath, so validation never reaches the network.
                .schemaLoaders(loaders -> loaders.values(list ->
                        list.add(0, new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"))))));
        config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true) // 2020-12 treats format as annotation only by default
                .regularExpressionFactory(new EcmaAnchors()) // "^[0-9]{4}$" must not pass "0301\n"
                .build();
        eventSchema = load("event.schema.json");
        load("batch.schema.json");
        JsonNode typeEnum = load("envelope.schema.json").getSchemaNode().at("/properties/type/enum");
        Set<String> types = new LinkedHashSet<>();
        typeEnum.forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            throw new IllegalStateException("envelope.schema.json lists no event types");
        }
        knownTypes = Collections.unmodifiableSet(types);
        messages = new ViolationMessages(knownTypes);
    }

    /** Loads all schemas from the classpath once (thread-safe, reusable). */
    public static ContractValidator fromClasspath() {
        return new ContractValidator();
    }

    /**
     * Validates one event (the whole CloudEvents JSON object). Empty list = valid. Sorted by pointer, no duplicates.
     * An event whose {@code type} is present but not one of {@link #knownTypes()} gets exactly one violation, at
     * {@code /type}: the rest cannot be judged without knowing the type.
     */
    public List<Violation> validateEvent(JsonNode event) {
        if (event == null) {
            event = NullNode.getInstance();
        }
        if (event.isObject() && event.has("type") && !isKnownType(event.get("type"))) {
            String message = event.get("type").isTextual() ? ViolationMessages.UNKNOWN_TYPE
                    : "must be a string naming one of the contract's event types";
            return List.of(new Violation("/type", message));
        }
        return validate(eventSchema, event);
    }

    /** The event types the contract knows, in the order envelope.schema.json lists them. */
    public Set<String> knownTypes() {
        return knownTypes;
    }

    /** Validates a document against any schema file of the contract, e.g. {@code batch.schema.json}. */
    List<Violation> validateAgainst(String schemaFile, JsonNode document) {
        return validate(load(schemaFile), document);
    }

    JsonSchema load(String schemaFile) {
        return schemas.computeIfAbsent(schemaFile, this::loadNew);
    }

    private JsonSchema loadNew(String schemaFile) {
        JsonSchema schema = factory.getSchema(SchemaLocation.of(SCHEMA_BASE + schemaFile), config);
        schema.initializeValidators(); // resolve every $ref now, so a broken schema fails at startup
        return schema;
    }

    private boolean isKnownType(JsonNode type) {
        return type.isTextual() && knownTypes.contains(type.asText());
    }

    /*
     * Composition (allOf/if/then, $ref) passes the failures of the branch that applies through
     * unchanged, so the only duplicates are the same rule met twice, e.g. "data must be an object"
     * from the envelope and from the type's data schema. They map to the same (pointer, message)
     * and the sorted set keeps one.
     */
    private List<Violation> validate(JsonSchema schema, JsonNode document) {
        Set<Violation> violations = new TreeSet<>(ORDER);
        schema.validate(document).forEach(m -> violations.add(messages.toViolation(m)));
        return List.copyOf(violations);
    }
}

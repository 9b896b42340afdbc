package no.budstikke.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.OptionalLong;

/**
 * Turns raw bytes into events. Strict by design: UTF-8 only, no duplicate keys, nothing after the
 * value, and a shallow nesting limit so that a hostile document is refused before it costs much.
 * Error texts are the hub's own: the parser's messages quote the input, which may be personal data.
 */
public final class EventParser {

    /** The contract's deepest path is about six levels; anything far deeper is not an event. */
    static final int MAX_NESTING_DEPTH = 32;

    private final ObjectMapper mapper;

    public EventParser() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /** The events in {@code body}, or why none could be read. */
    public ParsedInput parse(byte[] body, InputForm form) {
        if (body == null || body.length == 0) return ParsedInput.failure("the body is empty; expected " + expected(form));
        if (startsWithUtf16Or32Marker(body)) return ParsedInput.failure("the body is not UTF-8; only UTF-8 JSON is accepted");
        OptionalLong badByte = Utf8.firstInvalidByte(body);
        if (badByte.isPresent()) {
            return ParsedInput.failure("the body is not valid UTF-8 (first bad byte at offset " + badByte.getAsLong() + "); only UTF-8 JSON is accepted");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (StreamConstraintsException e) {
            return ParsedInput.failure("the JSON is nested deeper than " + MAX_NESTING_DEPTH + " levels; an event is far shallower");
        } catch (JsonProcessingException e) {
            return ParsedInput.failure("the body is not valid JSON" + where(e.getLocation()) + "; expected " + expected(form));
        } catch (IOException e) {
            return ParsedInput.failure("the body could not be read as JSON; expected " + expected(form));
        }
        if (root == null || root.isMissingNode()) return ParsedInput.failure("the body holds no JSON value; expected " + expected(form));
        return shape(root, form);
    }

    private static ParsedInput shape(JsonNode root, InputForm form) {
        if (root.isObject()) {
            if (form == InputForm.BATCH) {
                return ParsedInput.failure("a batch must be a JSON array of events; send one event as application/cloudevents+json");
            }
            return ParsedInput.single(root);
        }
        if (root.isArray()) {
            if (form == InputForm.SINGLE) {
                return ParsedInput.failure("expected one event (a JSON object); send a batch as application/cloudevents-batch+json");
            }
            if (root.isEmpty()) return ParsedInput.failure("the batch is empty; expected at least one event");
            List<JsonNode> events = new ArrayList<>(root.size());
            root.forEach(events::add);
            return ParsedInput.batch(events);
        }
        return ParsedInput.failure("expected " + expected(form) + ", got a JSON " + root.getNodeType().name().toLowerCase());
    }

    private static String expected(InputForm form) {
        return switch (form) {
            case SINGLE -> "one event as a JSON object";
            case BATCH -> "a JSON array of events";
            case EITHER -> "one event (a JSON object) or a batch (a JSON array of events)";
        };
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) return "";
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson would silently decode UTF-16 and UTF-32; the contract is UTF-8 JSON only. */
    private static boolean startsWithUtf16Or32Marker(byte[] b) {
        if (b.length >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
            return true;
        }
        return b.length >= 2 && (b[0] == 0 || b[1] == 0);
    }

    /**
     * An event as stored: compact UTF-8 JSON, its attributes in the contract's order (then extensions by name, then
     * {@code data}), so the same event sent with its attributes in another order, or in binary mode, is the same content.
     */
    public byte[] bytes(JsonNode event) {
        try {
            return mapper.writeValueAsBytes(inStoredOrder(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serialises", e);
        }
    }

    private static final List<String> ATTRIBUTE_ORDER = List.of("specversion", "id", "source", "type", "time", "datacontenttype");

    private static JsonNode inStoredOrder(JsonNode event) {
        if (!event.isObject()) return event;
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        for (String name : ATTRIBUTE_ORDER) {
            if (event.has(name)) ordered.set(name, event.get(name));
        }
        Set<String> extensions = new TreeSet<>();
        event.fieldNames().forEachRemaining(extensions::add);
        extensions.removeAll(ATTRIBUTE_ORDER);
        extensions.remove("data");
        extensions.forEach(name -> ordered.set(name, event.get(name)));
        if (event.has("data")) ordered.set("data", event.get("data"));
        return ordered;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Either the events read from an input or the reason there are none. */
    public record ParsedInput(List<JsonNode> events, boolean batch, Optional<String> failure) {

        static ParsedInput single(JsonNode event) {
            return new ParsedInput(List.of(event), false, Optional.empty());
        }

        static ParsedInput batch(List<JsonNode> events) {
            return new ParsedInput(List.copyOf(events), true, Optional.empty());
        }

        static ParsedInput failure(String reason) {
            return new ParsedInput(List.of(), false, Optional.of(reason));
        }
    }
}

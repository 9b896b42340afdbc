package no.budstikke.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
import no.budstikke.contract.Violation;

/**
 * Turns raw bytes into events. Strict by design: UTF-8 only, no duplicate keys, nothing after the
 * value, valid Unicode in every string, and limits on size, batch length and nesting, so that a
 * hostile document is refused before it costs much. Error texts are the hub's own: the parser's
 * messages quote the input, which may be personal data.
 */
public final class EventParser {

    /** The contract's deepest path is about six levels; anything far deeper is not an event. */
    static final int MAX_NESTING_DEPTH = 32;

    private final ObjectMapper mapper;
    /** Reads one value where the parser stands; what follows it is checked by {@link #parse}. */
    private final ObjectReader trees;
    private final IntakeLimits limits;

    public EventParser() {
        this(IntakeLimits.DEFAULTS);
    }

    public EventParser(IntakeLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        // No string or number in a valid event is longer than an event may be.
                        .maxStringLength(limits.maxEventBytes())
                        .maxNumberLength(Math.min(limits.maxEventBytes(), 1000))
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        this.trees = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public IntakeLimits limits() {
        return limits;
    }

    /** The events in {@code body}, or why none could be read. */
    public ParsedInput parse(byte[] body, InputForm form) {
        if (body == null || body.length == 0) return ParsedInput.failure("the body is empty; expected " + expected(form));
        if (body.length > limits.maxBytes()) return ParsedInput.tooLarge(tooLargeBody(body.length, limits.maxBytes()));
        if (startsWithUtf16Or32Marker(body)) return ParsedInput.failure("the body is not UTF-8; only UTF-8 JSON is accepted");
        OptionalLong badByte = Utf8.firstInvalidByte(body);
        if (badByte.isPresent()) {
            return ParsedInput.failure("the body is not valid UTF-8 (first bad byte at offset " + badByte.getAsLong() + "); only UTF-8 JSON is accepted");
        }
        // A body that is one object is one event: its size is known before a byte of it is parsed.
        if (firstNonBlank(body) == '{' && body.length > limits.maxEventBytes()) {
            return ParsedInput.tooLarge("the event is " + body.length + " bytes; one event may be at most " + limits.maxEventBytes()
                    + " bytes (" + IntakeLimits.MAX_EVENT_BYTES + ")");
        }
        ParsedInput parsed;
        try (JsonParser p = mapper.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) return ParsedInput.failure("the body holds no JSON value; expected " + expected(form));
            parsed = first == JsonToken.START_ARRAY ? batch(p, form) : shape(trees.readTree(p), form);
            if (parsed.failure().isEmpty() && p.nextToken() != null) {
                return ParsedInput.failure("the body is not valid JSON" + where(p.currentTokenLocation())
                        + ": there is more after the first value; expected " + expected(form));
            }
        } catch (StreamConstraintsException e) {
            return constraintBroken(e);
        } catch (JsonProcessingException e) {
            return ParsedInput.failure("the body is not valid JSON" + where(e.getLocation()) + "; expected " + expected(form));
        } catch (IOException e) {
            return ParsedInput.failure("the body could not be read as JSON; expected " + expected(form));
        }
        if (parsed.failure().isPresent()) return parsed;
        for (int i = 0; i < parsed.events().size(); i++) {
            Optional<Violation> broken = Unicode.firstBrokenText(parsed.events().get(i), parsed.batch() ? "/" + i : "");
            if (broken.isPresent()) return ParsedInput.failure(broken.get().pointer(), broken.get().message());
        }
        return parsed;
    }

    static String tooLargeBody(long size, long max) {
        return "the body is " + size + " bytes; a request, file or queue row may be at most " + max + " bytes ("
                + IntakeLimits.MAX_BYTES + "); send fewer events at a time";
    }

    /**
     * The array's events, each measured as it is read: a batch over the event count, or with one
     * event over the event size, is refused without reading the rest.
     */
    private ParsedInput batch(JsonParser p, InputForm form) throws IOException {
        if (form == InputForm.SINGLE) {
            return ParsedInput.failure("expected one event (a JSON object); send a batch as application/cloudevents-batch+json");
        }
        List<JsonNode> events = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (events.size() == limits.maxBatchEvents()) {
                return ParsedInput.tooLarge("the batch holds more than " + limits.maxBatchEvents() + " events, the most one batch may hold ("
                        + IntakeLimits.MAX_BATCH_EVENTS + "); send it in smaller batches");
            }
            long start = p.currentTokenLocation().getByteOffset();
            JsonNode event = trees.readTree(p);
            long size = p.currentLocation().getByteOffset() - start;
            if (size > limits.maxEventBytes()) {
                return ParsedInput.tooLarge("event " + events.size() + " of the batch is " + size + " bytes; one event may be at most "
                        + limits.maxEventBytes() + " bytes (" + IntakeLimits.MAX_EVENT_BYTES + ")");
            }
            events.add(event);
        }
        if (events.isEmpty()) return ParsedInput.failure("the batch is empty; expected at least one event");
        return ParsedInput.batch(events);
    }

    /** Jackson names the limit in its message; the hub says it in its own words, without the input. */
    private ParsedInput constraintBroken(StreamConstraintsException e) {
        String what = String.valueOf(e.getOriginalMessage());
        if (what.startsWith("Document nesting depth") || what.contains("getMaxNestingDepth")) {
            return ParsedInput.failure("the JSON is nested deeper than " + MAX_NESTING_DEPTH + " levels; an event is far shallower");
        }
        if (what.startsWith("Number value length") || what.contains("getMaxNumberLength")) {
            return ParsedInput.tooLarge("a number in the JSON has more digits than any event needs");
        }
        return ParsedInput.tooLarge("a text value in the JSON is longer than " + limits.maxEventBytes()
                + " characters, more than one event may be (" + IntakeLimits.MAX_EVENT_BYTES + ")");
    }

    private static int firstNonBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') return b;
        }
        return -1;
    }

    /** A body that is not an array: one event, or not an event at all. */
    private static ParsedInput shape(JsonNode root, InputForm form) {
        if (root.isObject()) {
            if (form == InputForm.BATCH) {
                return ParsedInput.failure("a batch must be a JSON array of events; send one event as application/cloudevents+json");
            }
            return ParsedInput.single(root);
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

    /**
     * Either the events read from an input or the reason there are none: {@code failurePointer}
     * says where in the input, {@code tooLarge} that it broke a size limit rather than the syntax.
     */
    public record ParsedInput(List<JsonNode> events, boolean batch, Optional<String> failure, String failurePointer, boolean tooLarge) {

        static ParsedInput single(JsonNode event) {
            return new ParsedInput(List.of(event), false, Optional.empty(), "", false);
        }

        static ParsedInput batch(List<JsonNode> events) {
            return new ParsedInput(List.copyOf(events), true, Optional.empty(), "", false);
        }

        static ParsedInput failure(String reason) {
            return failure("", reason);
        }

        static ParsedInput failure(String pointer, String reason) {
            return new ParsedInput(List.of(), false, Optional.of(reason), pointer, false);
        }

        static ParsedInput tooLarge(String reason) {
            return new ParsedInput(List.of(), false, Optional.of(reason), "", true);
        }
    }
}

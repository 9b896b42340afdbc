package no.budstikke.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CloudEvents HTTP binding's binary content mode: the attributes in {@code ce-*} headers, the
 * event's data as the body. It is turned into the structured event it stands for, which is then
 * validated against the same contract as every other input. Header values are percent-encoded by
 * the binding (non-ASCII, space, '"' and '%'), so they are decoded here as UTF-8.
 */
public final class BinaryMode {

    public static final String HEADER_PREFIX = "ce-";

    private BinaryMode() {
    }

    /** The envelope the headers describe, with {@code data} still to be set; or why there is none. */
    public record Attributes(Optional<ObjectNode> envelope, Optional<String> problem) {
        static Attributes of(ObjectNode envelope) {
            return new Attributes(Optional.of(envelope), Optional.empty());
        }

        static Attributes problem(String why) {
            return new Attributes(Optional.empty(), Optional.of(why));
        }
    }

    /**
     * @param headers     the request's {@code ce-*} headers, by lower-case name with the prefix, each with its values
     * @param contentType the request's media type: the event's {@code datacontenttype}
     */
    public static Attributes attributes(Map<String, List<String>> headers, String contentType) {
        Map<String, String> found = new TreeMap<>();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT).substring(HEADER_PREFIX.length());
            if (!name.matches("[a-z0-9]{1,20}")) {
                return Attributes.problem("the header " + HEADER_PREFIX + "<name> must name an attribute of lower-case letters and digits");
            }
            if (h.getValue().size() != 1) return Attributes.problem("the header " + HEADER_PREFIX + name + " is sent more than once");
            if (name.equals("datacontenttype")) {
                return Attributes.problem("binary mode carries the data content type as Content-Type, not as " + HEADER_PREFIX + name);
            }
            Optional<String> value = percentDecoded(h.getValue().get(0));
            if (value.isEmpty()) {
                return Attributes.problem("the header " + HEADER_PREFIX + name + " is not valid percent-encoded UTF-8");
            }
            found.put(name, value.get());
        }
        found.put("datacontenttype", contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT));
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        found.forEach(envelope::put);
        return Attributes.of(envelope);
    }

    /** The structured event: the envelope with the body's JSON as {@code data}. */
    public static ObjectNode event(ObjectNode envelope, JsonNode data) {
        ObjectNode event = envelope.deepCopy();
        event.set("data", data);
        return event;
    }

    static Optional<String> percentDecoded(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) return Optional.empty();
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return Optional.empty();
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x20 || c > 0x7e) {
                return Optional.empty(); // an HTTP header carries printable ASCII; anything else must be encoded
            } else {
                bytes.write(c);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}

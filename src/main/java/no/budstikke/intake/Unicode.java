package no.budstikke.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import no.budstikke.contract.Violation;

/**
 * Finds text the hub cannot keep as sent. UTF-8 bytes are checked before parsing, but JSON's
 * escapes can still spell half a surrogate pair ({@code \\uD800}), which was stored as a
 * {@code ?}, silently changing the event; and a NUL ({@code \\u0000}), which PostgreSQL cannot
 * hold in any text column, so the event failed in storage and was answered "send it again".
 */
final class Unicode {

    private Unicode() {
    }

    static final String HALF_SURROGATE = "the JSON holds half of a UTF-16 surrogate pair (a lone \\uD800-\\uDFFF escape); "
            + "text must be valid Unicode";
    static final String NUL = "the JSON holds a NUL character (\\u0000); text may not contain it";

    /** The JSON pointer of the first name or string that is broken, and why. */
    static Optional<Violation> firstBrokenText(JsonNode node, String pointer) {
        if (node.isTextual()) return why(node.textValue()).map(m -> new Violation(pointer, m));
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Violation> found = firstBrokenText(node.get(i), pointer + "/" + i);
                if (found.isPresent()) return found;
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                // The name itself is not shown: a pointer with a broken name is where the name is.
                Optional<String> name = why(field.getKey());
                if (name.isPresent()) return Optional.of(new Violation(pointer, name.get()));
                Optional<Violation> found = firstBrokenText(field.getValue(), at);
                if (found.isPresent()) return found;
            }
        }
        return Optional.empty();
    }

    static Optional<String> why(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) return Optional.of(NUL);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return Optional.of(HALF_SURROGATE);
                }
            } else if (Character.isLowSurrogate(c)) {
                return Optional.of(HALF_SURROGATE);
            }
        }
        return Optional.empty();
    }
}

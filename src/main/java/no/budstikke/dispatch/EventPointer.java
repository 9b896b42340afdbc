package no.budstikke.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JSON pointer (RFC 6901) into an event in which a {@code *} segment stands for every element of
 * an array. {@code *} never matches object members: a member literally named "*" is written
 * {@code *} too, but events have none.
 */
public final class EventPointer {

    public static final String ANY = "*";

    private final String text;
    private final List<String> segments;

    private EventPointer(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** Parses {@code ""} (the whole document) or {@code /a/b/*}; {@code ~0} and {@code ~1} are unescaped. */
    public static EventPointer parse(String pointer) {
        Objects.requireNonNull(pointer, "pointer");
        if (pointer.isEmpty()) return new EventPointer(pointer, List.of());
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("a JSON pointer starts with '/': " + pointer);
        }
        List<String> segments = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            segments.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return new EventPointer(pointer, List.copyOf(segments));
    }

    public List<String> segments() {
        return segments;
    }

    /** Every value the pointer reaches: none, one, or (through {@code *}) several. Null values are included. */
    public List<JsonNode> find(JsonNode root) {
        List<JsonNode> out = new ArrayList<>(1);
        collect(root, 0, out);
        return out;
    }

    private void collect(JsonNode node, int depth, List<JsonNode> out) {
        if (node == null || node.isMissingNode()) return;
        if (depth == segments.size()) {
            out.add(node);
            return;
        }
        String seg = segments.get(depth);
        if (node.isObject()) {
            collect(node.get(seg), depth + 1, out);
        } else if (node.isArray()) {
            if (seg.equals(ANY)) {
                for (JsonNode element : node) collect(element, depth + 1, out);
            } else {
                int index = index(seg);
                if (index >= 0) collect(node.get(index), depth + 1, out);
            }
        }
    }

    /** The array index a segment names, or -1 when it names none (RFC 6901: no leading zeros). */
    static int index(String segment) {
        int n = segment.length();
        if (n == 0 || n > 9 || (n > 1 && segment.charAt(0) == '0')) return -1;
        for (int i = 0; i < n; i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') return -1;
        }
        return Integer.parseInt(segment);
    }

    /** Escapes one member name or index for use as a pointer segment. */
    public static String escape(String segment) {
        if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) return segment;
        return segment.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public String toString() {
        return text;
    }
}

package no.budstikke.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent oracle for the leak tests: the leaves of a JSON value (scalars, nulls, empty
 * objects and arrays) by pointer, and allowlist coverage written without the production code.
 */
final class Leaves {

    private Leaves() {
    }

    /** Every leaf of {@code node}, keyed by its pointer prefixed with {@code prefix}. */
    static Map<String, JsonNode> of(JsonNode node, String prefix) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        collect(node, prefix, out);
        return out;
    }

    private static void collect(JsonNode node, String pointer, Map<String, JsonNode> out) {
        if (node.isContainerNode() && node.size() > 0) {
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    collect(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
                }
            } else {
                for (int i = 0; i < node.size(); i++) collect(node.get(i), pointer + "/" + i, out);
            }
        } else {
            out.put(pointer, node);
        }
    }

    /** True when {@code pattern} (with {@code *} for any array index) equals {@code pointer} or is an ancestor of it. */
    static boolean covers(String pattern, String pointer) {
        String[] p = pattern.split("/", -1);
        String[] x = pointer.split("/", -1);
        if (p.length > x.length) return false;
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(x[i])) continue;
            if (p[i].equals("*") && x[i].matches("0|[1-9][0-9]*")) continue;
            return false;
        }
        return true;
    }

    static boolean coveredByAny(List<String> patterns, String pointer) {
        return patterns.stream().anyMatch(p -> covers(p, pointer));
    }

    /** True when some pattern passes through {@code pointer} (the pointer is an ancestor of what it names). */
    static boolean onTheWayToAny(List<String> patterns, String pointer) {
        return patterns.stream().anyMatch(p -> {
            String[] ps = p.split("/", -1);
            String[] xs = pointer.split("/", -1);
            if (xs.length > ps.length) return false;
            for (int i = 0; i < xs.length; i++) {
                if (!(ps[i].equals(xs[i]) || (ps[i].equals("*") && xs[i].matches("0|[1-9][0-9]*")))) return false;
            }
            return true;
        });
    }
}

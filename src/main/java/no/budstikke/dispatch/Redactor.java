package no.budstikke.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds a notice's content from an event by allowlist: only what the policy names is copied.
 *
 * <ul>
 *   <li>Paths are pointers into the whole event and start with {@code /data}; the content is the
 *       redacted {@code data} object. A path covers everything under it; {@code *} matches every
 *       array element (and never an object member).</li>
 *   <li>{@code withConsent} paths count only when {@code /data/caseContext/consents/disclosureToOthers}
 *       is the boolean {@code true}.</li>
 *   <li>{@code deny} paths are never copied, whatever allow says (dispatch uses this to keep
 *       health data away from everyone but health offices, in case a policy slips).</li>
 *   <li>Objects and arrays on the way to an allowed path are kept, even if they end up empty;
 *       array elements keep their positions.</li>
 *   <li>{@code removedFields} lists, sorted, the pointer of every leaf or whole subtree of
 *       {@code data} that was not copied, with concrete array indices. Content plus removed fields
 *       account for every value of {@code data}: nothing is lost silently.</li>
 * </ul>
 */
public final class Redactor {

    /** The redacted content and what was taken out of it. */
    public record Redaction(ObjectNode content, List<String> removedFields) {
    }

    static final String DATA = "data";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<String[]> allow;
    private final List<String[]> allowWithConsent;
    private final List<String[]> deny;

    public Redactor(Collection<String> allow, Collection<String> withConsent, Collection<String> deny) {
        this.allow = compile(allow);
        List<String[]> both = new ArrayList<>(this.allow);
        both.addAll(compile(withConsent));
        this.allowWithConsent = List.copyOf(both);
        this.deny = compile(deny);
    }

    public static Redactor allowing(Collection<String> allow) {
        return new Redactor(allow, List.of(), List.of());
    }

    /** True when the event records written consent to disclosure to others. */
    public static boolean consentGiven(JsonNode event) {
        JsonNode consent = event.path(DATA).path("caseContext").path("consents").path("disclosureToOthers");
        return consent.isBoolean() && consent.booleanValue();
    }

    public Redaction redact(JsonNode event) {
        JsonNode data = event.path(DATA);
        List<String> removed = new ArrayList<>();
        ObjectNode content = NODES.objectNode();
        if (data.isObject()) {
            List<String[]> patterns = consentGiven(event) ? allowWithConsent : allow;
            if (matchesWhole(deny, 0)) {
                data.fieldNames().forEachRemaining(name -> removed.add("/" + DATA + "/" + EventPointer.escape(name)));
            } else if (matchesWhole(patterns, 0) && deny.isEmpty()) {
                content = data.deepCopy();
            } else {
                content = (ObjectNode) container(data, "/" + DATA, 0, matchesWhole(patterns, 0), patterns,
                        deny, removed);
            }
        } else if (!data.isMissingNode()) {
            removed.add("/" + DATA); // not an object: nothing to copy into content
        }
        removed.sort(null);
        return new Redaction(content, List.copyOf(removed));
    }

    /**
     * Copies what is allowed of one value at {@code pointer} (depth = number of segments below data),
     * or returns null when the value was removed (and recorded as such).
     */
    private static JsonNode value(JsonNode node, String pointer, int depth, boolean all,
                                  List<String[]> allowLive, List<String[]> denyLive, List<String> removed) {
        if (matchesWhole(denyLive, depth)) {
            removed.add(pointer);
            return null;
        }
        boolean everything = all || matchesWhole(allowLive, depth);
        if (everything && denyLive.isEmpty()) return node.deepCopy();
        if (!everything && allowLive.isEmpty()) {
            removed.add(pointer);
            return null;
        }
        if (node.isContainerNode()) return container(node, pointer, depth, everything, allowLive, denyLive, removed);
        if (everything) return node.deepCopy();
        removed.add(pointer); // a path goes deeper than this leaf: the leaf itself is not allowed
        return null;
    }

    private static JsonNode container(JsonNode node, String pointer, int depth, boolean all,
                                      List<String[]> allowLive, List<String[]> denyLive, List<String> removed) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                JsonNode copied = value(field.getValue(), pointer + "/" + EventPointer.escape(name), depth + 1, all,
                        all ? List.of() : next(allowLive, depth, name, -1), next(denyLive, depth, name, -1), removed);
                if (copied != null) out.set(name, copied);
            }
            return out;
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < node.size(); i++) {
            String index = Integer.toString(i);
            JsonNode copied = value(node.get(i), pointer + "/" + index, depth + 1, all,
                    all ? List.of() : next(allowLive, depth, index, i), next(denyLive, depth, index, i), removed);
            if (copied != null) out.add(copied);
        }
        return out;
    }

    /** The patterns whose segment at {@code depth} matches a member name (index = -1) or an array index. */
    private static List<String[]> next(List<String[]> live, int depth, String segment, int index) {
        if (live.isEmpty()) return live;
        List<String[]> out = null;
        for (String[] p : live) {
            if (p.length <= depth) continue;
            String s = p[depth];
            if (s.equals(segment) || (index >= 0 && s.equals(EventPointer.ANY))) {
                if (out == null) out = new ArrayList<>(2);
                out.add(p);
            }
        }
        return out == null ? List.of() : out;
    }

    private static boolean matchesWhole(List<String[]> live, int depth) {
        for (String[] p : live) {
            if (p.length == depth) return true;
        }
        return false;
    }

    /** Segments below {@code /data}; paths that do not start with {@code /data} cannot reach content and are dropped. */
    private static List<String[]> compile(Collection<String> paths) {
        List<String[]> out = new ArrayList<>();
        if (paths == null) return out;
        for (String path : paths) {
            List<String> segs = EventPointer.parse(path).segments();
            if (segs.isEmpty() || !segs.get(0).equals(DATA)) continue;
            out.add(segs.subList(1, segs.size()).toArray(String[]::new));
        }
        return List.copyOf(out);
    }
}

package no.budstikke.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One JSON shape for a decided notice, shared by the notice table and {@code explain}. */
public final class NoticeJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NoticeJson() {
    }

    public static ObjectNode render(Notice n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("duty", n.duty());
        o.put("copy", n.copy());
        o.put("kind", n.kind());
        o.put("priority", n.priority().name());
        o.set("recipient", recipient(n.recipient()));
        o.put("purpose", n.purpose());
        o.put("legalBasis", n.legalBasis());
        o.set("flags", strings(n.flags()));
        o.set("content", n.content());
        o.set("removedFields", strings(n.removedFields()));
        return o;
    }

    public static ObjectNode render(Unresolved u) {
        ObjectNode o = JSON.createObjectNode();
        o.put("duty", u.duty());
        o.put("role", u.role().name());
        o.put("reason", u.reason());
        o.put("priority", u.priority().name());
        if (u.municipality() != null) o.put("municipality", u.municipality());
        if (u.fallback() != null) o.put("fallbackOfficeId", u.fallback());
        return o;
    }

    static ObjectNode recipient(Office office) {
        ObjectNode r = JSON.createObjectNode();
        r.put("officeId", office.id());
        r.put("role", office.role().name());
        r.put("name", office.name());
        r.put("channel", office.channel().name().toLowerCase(java.util.Locale.ROOT));
        r.put("address", office.address());
        return r;
    }

    public static ArrayNode strings(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    public static String text(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("plain JSON nodes always serialise", e);
        }
    }

    public static String pretty(Object node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("plain JSON nodes always serialise", e);
        }
    }
}

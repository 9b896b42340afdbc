package no.budstikke.delivery.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import no.budstikke.delivery.mail.MailTemplate.Each;
import no.budstikke.delivery.mail.MailTemplate.If;
import no.budstikke.delivery.mail.MailTemplate.Node;
import no.budstikke.delivery.mail.MailTemplate.Text;
import no.budstikke.delivery.mail.MailTemplate.Value;
import no.budstikke.model.Priority;

/**
 * Renders a template's body for one notice document (notice-v1). Pointers read only the notice's
 * {@code content}, which holds what the recipient's policy allows: a removed field is absent and
 * prints "(ikke oppgitt)", so a template cannot show what the policy withheld.
 */
public final class TemplateRenderer {

    /** The names a template may use besides content pointers, in the order the parser lists them. */
    public static final Set<String> FIXED_NAMES = orderedSet("noticeId", "ref", "duty", "priority", "legalBasis",
            "recipient.name", "sender", "createdAt", "flags", "copy", "attachment");

    public String render(MailTemplate template, JsonNode document) {
        StringBuilder out = new StringBuilder();
        render(template.body(), new Scope(document), out);
        return out.toString();
    }

    /** The first 8 characters of the notice id: enough for people to tell notices apart. */
    public static String ref(String noticeId) {
        return noticeId.length() <= 8 ? noticeId : noticeId.substring(0, 8);
    }

    public static String attachmentName(String noticeId) {
        return "notice-" + noticeId + ".json";
    }

    private void render(List<Node> nodes, Scope scope, StringBuilder out) {
        for (Node node : nodes) {
            if (node instanceof Text t) {
                out.append(t.text());
            } else if (node instanceof Value v) {
                out.append(scope.text(v.name()));
            } else if (node instanceof If i) {
                render(scope.holds(i.name()) ? i.then() : i.otherwise(), scope, out);
            } else if (node instanceof Each e) {
                JsonNode list = scope.node(e.name());
                String field = field(e.name());
                Iterable<JsonNode> items = list.isArray() ? list : list.isMissingNode() || list.isNull() ? List.of() : List.of(list);
                for (JsonNode item : items) {
                    scope.items.push(new Item(item, field));
                    render(e.body(), scope, out);
                    scope.items.pop();
                }
            }
        }
    }

    private static String field(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    private record Item(JsonNode node, String field) {
    }

    private static final class Scope {
        final JsonNode document;
        final Deque<Item> items = new ArrayDeque<>();

        Scope(JsonNode document) {
            this.document = document;
        }

        JsonNode node(String name) {
            if (name.equals(".")) return items.peek().node();
            if (name.startsWith("./")) return items.peek().node().at(name.substring(1));
            return document.path("content").at(name);
        }

        String text(String name) {
            if (!FIXED_NAMES.contains(name)) {
                return Bokmal.value(name.equals(".") ? items.peek().field() : field(name), node(name));
            }
            String id = document.path("noticeId").asText();
            return switch (name) {
                case "noticeId" -> id;
                case "ref" -> ref(id);
                case "duty" -> Bokmal.clean(document.path("duty").asText());
                case "priority" -> Bokmal.priority(Priority.valueOf(document.path("priority").asText("NORMAL")));
                case "legalBasis" -> Bokmal.clean(document.path("legalBasis").asText());
                case "recipient.name" -> Bokmal.clean(document.path("recipient").path("name").asText());
                case "sender" -> Bokmal.clean(document.path("sender").path("organisation").asText());
                case "createdAt" -> Bokmal.dateTime(document.path("createdAt").asText());
                case "flags" -> Bokmal.flags(document.path("flags"));
                case "copy" -> document.path("copy").asBoolean() ? "ja" : "nei";
                case "attachment" -> attachmentName(id);
                default -> throw new IllegalStateException("fixed name without a value: " + name);
            };
        }

        boolean holds(String name) {
            if (name.equals("copy")) return document.path("copy").asBoolean();
            if (name.equals("flags")) return !document.path("flags").isEmpty();
            if (FIXED_NAMES.contains(name)) return !text(name).isEmpty();
            JsonNode n = node(name);
            if (n.isMissingNode() || n.isNull()) return false;
            if (n.isBoolean()) return n.booleanValue();
            if (n.isTextual()) return !n.textValue().isBlank();
            return !n.isContainerNode() || !n.isEmpty();
        }
    }

    private static Set<String> orderedSet(String... names) {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(names)));
    }
}

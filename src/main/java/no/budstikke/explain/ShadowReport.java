package no.budstikke.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import no.budstikke.camel.OfficeLabel;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.EventPointer;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeJson;
import no.budstikke.model.Rfc3339;

/**
 * What a candidate config would decide differently from what the hub decided, summed over many
 * events: notices added and dropped per duty and office, priorities changed, and per office the
 * fields it would newly receive or no longer receive (as JSON pointers, array positions as
 * {@code *}). Holds counts only: no content, no value of any event, and offices named in an event
 * (a representative, a lawyer) only by their role, so that the report can be shared for review.
 */
public final class ShadowReport {

    /**
     * One decided notice, reduced to what the comparison needs: its content as the notice table
     * stores it ({@code NoticeJson.text}), so that unchanged content is found by comparing text
     * and only changed content is parsed into fields.
     */
    public record Decided(String duty, boolean copy, String officeId, String priority, String content) {

        static Decided of(Notice n) {
            return new Decided(n.duty(), n.copy(), n.recipient().id(), n.priority().name(), NoticeJson.text(n.content()));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private record NoticeKey(String duty, boolean copy, String officeId) {
    }

    private record DutyOffice(String duty, boolean copy, String office) {
    }

    private record PriorityChange(String duty, boolean copy, String office, String from, String to) {
    }

    private record OfficeField(String office, String pointer) {
    }

    private static final Comparator<DutyOffice> BY_DUTY = Comparator.comparing(DutyOffice::duty, Dispatcher::compareDuties)
            .thenComparing(DutyOffice::copy).thenComparing(DutyOffice::office);
    private static final Comparator<PriorityChange> CHANGES = Comparator.comparing(PriorityChange::duty, Dispatcher::compareDuties)
            .thenComparing(PriorityChange::copy).thenComparing(PriorityChange::office).thenComparing(PriorityChange::from)
            .thenComparing(PriorityChange::to);
    private static final Comparator<OfficeField> FIELDS = Comparator.comparing(OfficeField::office).thenComparing(OfficeField::pointer);

    private final String candidate;
    private final OffsetDateTime from;
    private final OffsetDateTime to;
    private long events;
    private long eventsChanged;
    private long noticesStored;
    private long noticesCandidate;
    private final Map<DutyOffice, Long> added = new TreeMap<>(BY_DUTY);
    private final Map<DutyOffice, Long> dropped = new TreeMap<>(BY_DUTY);
    private final Map<PriorityChange, Long> priorities = new TreeMap<>(CHANGES);
    private final Map<OfficeField, Long> disclosed = new TreeMap<>(FIELDS);
    private final Map<OfficeField, Long> removed = new TreeMap<>(FIELDS);

    /** @param from, to the window, either null when open */
    public ShadowReport(String candidate, OffsetDateTime from, OffsetDateTime to) {
        this.candidate = candidate;
        this.from = from;
        this.to = to;
    }

    /** Compares one event's stored notices with the candidate's. */
    public void compare(List<Decided> stored, List<Decided> candidateNotices) {
        events++;
        noticesStored += stored.size();
        noticesCandidate += candidateNotices.size();
        Map<NoticeKey, Decided> before = byKey(stored);
        Map<NoticeKey, Decided> after = byKey(candidateNotices);
        boolean changed = false;
        for (Map.Entry<NoticeKey, Decided> e : before.entrySet()) {
            Decided now = after.get(e.getKey());
            if (now == null) {
                count(dropped, dutyOffice(e.getKey()));
                changed = true;
            } else if (!now.priority().equals(e.getValue().priority())) {
                NoticeKey k = e.getKey();
                count(priorities, new PriorityChange(k.duty(), k.copy(), OfficeLabel.of(k.officeId()), e.getValue().priority(),
                        now.priority()));
                changed = true;
            }
        }
        for (NoticeKey k : after.keySet()) {
            if (!before.containsKey(k)) {
                count(added, dutyOffice(k));
                changed = true;
            }
        }
        Set<String> offices = new HashSet<>();
        before.keySet().forEach(k -> offices.add(k.officeId()));
        after.keySet().forEach(k -> offices.add(k.officeId()));
        for (String office : offices) {
            if (sameContent(office, before, after)) continue;
            Set<String> was = fields(office, stored);
            Set<String> now = fields(office, candidateNotices);
            String label = OfficeLabel.of(office);
            for (String p : now) {
                if (!was.contains(p)) {
                    count(disclosed, new OfficeField(label, p));
                    changed = true;
                }
            }
            for (String p : was) {
                if (!now.contains(p)) {
                    count(removed, new OfficeField(label, p));
                    changed = true;
                }
            }
        }
        if (changed) eventsChanged++;
    }

    public long events() {
        return events;
    }

    public long eventsChanged() {
        return eventsChanged;
    }

    private static Map<NoticeKey, Decided> byKey(List<Decided> notices) {
        Map<NoticeKey, Decided> out = new HashMap<>();
        for (Decided d : notices) out.put(new NoticeKey(d.duty(), d.copy(), d.officeId()), d);
        return out;
    }

    private static DutyOffice dutyOffice(NoticeKey k) {
        return new DutyOffice(k.duty(), k.copy(), OfficeLabel.of(k.officeId()));
    }

    private static <K> void count(Map<K, Long> map, K key) {
        map.merge(key, 1L, Long::sum);
    }

    /** The office gets the same notices of the event with the same content: the same fields, nothing to parse. */
    private static boolean sameContent(String office, Map<NoticeKey, Decided> before, Map<NoticeKey, Decided> after) {
        int count = 0;
        for (Map.Entry<NoticeKey, Decided> e : before.entrySet()) {
            if (!e.getKey().officeId().equals(office)) continue;
            Decided now = after.get(e.getKey());
            if (now == null || !now.content().equals(e.getValue().content())) return false;
            count++;
        }
        for (NoticeKey k : after.keySet()) if (k.officeId().equals(office)) count--;
        return count == 0;
    }

    /** The pointers of every value the office's notices of one event carry. */
    private static Set<String> fields(String office, List<Decided> notices) {
        Set<String> out = new HashSet<>();
        for (Decided d : notices) {
            if (!d.officeId().equals(office)) continue;
            try {
                leaves(JSON.readTree(d.content()), "/data", out);
            } catch (IOException e) {
                throw new IllegalStateException("notice contents are JSON written by the hub", e);
            }
        }
        return out;
    }

    /** The pointers of the leaf values under {@code node}; every array position is {@code *}, as policies write it. */
    static void leaves(JsonNode node, String pointer, Set<String> into) {
        if (node == null || node.isMissingNode()) return;
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> leaves(f.getValue(), pointer + "/" + EventPointer.escape(f.getKey()), into));
        } else if (node.isArray()) {
            for (JsonNode element : node) leaves(element, pointer + "/" + EventPointer.ANY, into);
        } else {
            into.add(pointer);
        }
    }

    public ObjectNode json() {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("candidate", candidate);
        ObjectNode window = doc.putObject("window");
        if (from == null) window.putNull("from"); else window.put("from", Rfc3339.format(from));
        if (to == null) window.putNull("to"); else window.put("to", Rfc3339.format(to));
        doc.put("events", events).put("eventsChanged", eventsChanged).put("noticesStored", noticesStored)
                .put("noticesCandidate", noticesCandidate);
        ArrayNode a = doc.putArray("noticesAdded");
        added.forEach((k, n) -> a.addObject().put("duty", k.duty()).put("copy", k.copy()).put("office", k.office()).put("notices", n));
        ArrayNode d = doc.putArray("noticesDropped");
        dropped.forEach((k, n) -> d.addObject().put("duty", k.duty()).put("copy", k.copy()).put("office", k.office()).put("notices", n));
        ArrayNode p = doc.putArray("prioritiesChanged");
        priorities.forEach((k, n) -> p.addObject().put("duty", k.duty()).put("copy", k.copy()).put("office", k.office())
                .put("from", k.from()).put("to", k.to()).put("notices", n));
        ArrayNode fd = doc.putArray("fieldsDisclosed");
        disclosed.forEach((k, n) -> fd.addObject().put("office", k.office()).put("pointer", k.pointer()).put("events", n));
        ArrayNode fr = doc.putArray("fieldsRemoved");
        removed.forEach((k, n) -> fr.addObject().put("office", k.office()).put("pointer", k.pointer()).put("events", n));
        return doc;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Shadow run of ").append(candidate).append(" over the events dispatched");
        if (from != null) sb.append(" from ").append(Rfc3339.format(from));
        if (to != null) sb.append(" until ").append(Rfc3339.format(to));
        sb.append('\n');
        sb.append(events).append(" events decided again, ").append(eventsChanged).append(" of them differently; notices: ")
                .append(noticesStored).append(" stored, ").append(noticesCandidate).append(" with the candidate\n");
        if (eventsChanged == 0) {
            sb.append("No difference: the candidate decides every one of these events as the hub did.\n");
            return sb.toString();
        }
        section(sb, "Notices added (duty → office: notices)", dutyLines(added));
        section(sb, "Notices dropped (duty → office: notices)", dutyLines(dropped));
        Map<String, Long> p = new LinkedHashMap<>();
        priorities.forEach((k, n) -> p.put(duty(k.duty(), k.copy()) + " → " + k.office() + ": " + k.from() + " → " + k.to(), n));
        section(sb, "Priorities changed (duty → office: stored → candidate: notices)", p);
        section(sb, "Fields newly disclosed (office: pointer: events)", fieldLines(disclosed));
        section(sb, "Fields newly removed (office: pointer: events)", fieldLines(removed));
        return sb.toString();
    }

    private static Map<String, Long> dutyLines(Map<DutyOffice, Long> map) {
        Map<String, Long> out = new LinkedHashMap<>();
        map.forEach((k, n) -> out.put(duty(k.duty(), k.copy()) + " → " + k.office(), n));
        return out;
    }

    private static Map<String, Long> fieldLines(Map<OfficeField, Long> map) {
        Map<String, Long> out = new LinkedHashMap<>();
        map.forEach((k, n) -> out.put(k.office() + ": " + k.pointer(), n));
        return out;
    }

    private static String duty(String duty, boolean copy) {
        return copy ? duty + " (copy)" : duty;
    }

    private static void section(StringBuilder sb, String title, Map<String, Long> lines) {
        sb.append('\n').append(title).append('\n');
        if (lines.isEmpty()) sb.append("  (none)\n");
        lines.forEach((line, n) -> sb.append("  ").append(line).append(": ").append(n).append('\n'));
    }
}

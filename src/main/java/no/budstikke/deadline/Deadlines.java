package no.budstikke.deadline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.model.Deadline;

/** The loaded deadlines, looked up by id and by the event types that start, close or end them. */
public final class Deadlines {

    private final Map<String, Deadline> byId = new LinkedHashMap<>();

    public Deadlines(List<Deadline> deadlines) {
        deadlines.forEach(d -> byId.put(d.id(), d));
    }

    public List<Deadline> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Deadline> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Those an event of this type may start (their {@code when} still to be checked). */
    public List<Deadline> startedBy(String type) {
        return byId.values().stream().filter(d -> d.startsOn().contains(type)).toList();
    }

    /** Those an event of this type closes (when its {@code sameAs} values match). */
    public List<Deadline> closedBy(String type) {
        return byId.values().stream()
                .filter(d -> d.closes() instanceof Deadline.Closing.EventArrives e && e.type().equals(type)).toList();
    }

    /** The repeating ones an event of this type ends for its case. */
    public List<Deadline> endedBy(String type) {
        return byId.values().stream()
                .filter(d -> d.repeats().map(r -> r.until().contains(type)).orElse(false)).toList();
    }
}

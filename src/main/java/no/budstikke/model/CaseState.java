package no.budstikke.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the hub knows of a case beyond the event itself, as the event found it.
 *
 * @param facts by name, for conditions written as {@code case:<name>} (see dispatch.CaseFacts for the names)
 * @param told  the offices told of the open disappearance, as the journal recorded them: what
 *              {@link Where#EPISODE} resolves to
 */
public record CaseState(Map<String, Object> facts, List<Office> told) {

    public static final CaseState UNKNOWN = new CaseState(Map.of(), List.of());

    public CaseState(Map<String, Object> facts) {
        this(facts, List.of());
    }

    public Optional<Object> fact(String name) {
        return Optional.ofNullable(facts.get(name));
    }
}

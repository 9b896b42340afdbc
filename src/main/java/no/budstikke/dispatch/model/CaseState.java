package no.budstikke.dispatch.model;

import java.util.Map;
import java.util.Optional;

/**
 * What the hub knows of a case beyond the event itself, by name, for conditions written as
 * {@code case:<name>}. Names in use: {@code activeAmotAgreement} (boolean) and
 * {@code amotMunicipality} (municipality number of the active agreement).
 */
public record CaseState(Map<String, Object> facts) {

    public static final CaseState UNKNOWN = new CaseState(Map.of());

    public Optional<Object> fact(String name) {
        return Optional.ofNullable(facts.get(name));
    }
}

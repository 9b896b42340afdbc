package no.budstikke.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The disclosure policies, plus the named field categories of DOMAIN.md (identity, placement,
 * case, care, health, contacts, event) that policies may use instead of listing paths.
 */
public record Policies(List<Policy> policies, Map<String, List<String>> categories) {

    public Optional<Policy> find(Role role, String purpose) {
        return policies.stream().filter(p -> p.role() == role && p.purpose().equals(purpose)).findFirst();
    }
}

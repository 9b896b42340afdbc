package no.budstikke.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offices, the reference data that maps a municipality to the areas offices serve, and per
 * role the office that gets a notice whose own office cannot be resolved ({@code fallbacks}).
 */
public record Directory(Map<String, Municipality> municipalities, List<Office> offices, Map<Role, String> fallbacks) {

    public Directory(Map<String, Municipality> municipalities, List<Office> offices) {
        this(municipalities, offices, Map.of());
    }

    /** The office that stands in for the role when the role's own office cannot be resolved. */
    public Optional<Office> fallback(Role role) {
        String id = fallbacks.get(role);
        return id == null ? Optional.empty() : offices.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public Optional<Municipality> municipality(String number) {
        return Optional.ofNullable(municipalities.get(number));
    }

    /** Offices in the given role that serve the municipality (national offices serve all). */
    public List<Office> serving(Role role, Municipality m) {
        return offices.stream().filter(o -> o.role() == role && o.serves().covers(m)).toList();
    }

    /** Offices in the given role that serve everywhere. */
    public List<Office> national(Role role) {
        return offices.stream().filter(o -> o.role() == role && o.serves().national()).toList();
    }

    /** The office that stands for a reception centre. */
    public Optional<Office> centre(String centreId) {
        return offices.stream().filter(o -> o.serves().centres().contains(centreId)).findFirst();
    }
}

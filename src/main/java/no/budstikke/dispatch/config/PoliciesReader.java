package no.budstikke.dispatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.budstikke.model.Policies;
import no.budstikke.model.Policy;
import no.budstikke.model.Role;

/**
 * Builds the {@link Policies} from a schema-valid disclosure-policies.yaml: expands category names
 * to paths, checks every path against the contract, and refuses any policy through which health
 * data could reach a role other than HEALTH_OFFICE.
 */
final class PoliciesReader {

    /**
     * The contract's health fields. Fixed here, not taken from the editable 'health' category, so
     * that moving a health field into another category cannot get it past the health check.
     */
    static final Set<String> HEALTH_FIELDS = Set.of("/data/caseContext/healthNotes");

    private PoliciesReader() {
    }

    static Policies read(YamlFile file, ContractFields contract, Problems problems) {
        JsonNode root = file.root();
        Map<String, List<String>> categories = new LinkedHashMap<>();
        root.get("categories").fields().forEachRemaining(e -> {
            List<String> paths = new ArrayList<>();
            JsonNode list = e.getValue();
            for (int i = 0; i < list.size(); i++) {
                String p = list.get(i).asText();
                if (known(file, "/categories/" + e.getKey() + "/" + i, p, contract, problems)) paths.add(p);
            }
            categories.put(e.getKey(), List.copyOf(paths));
        });
        for (String health : HEALTH_FIELDS) {
            if (!categories.getOrDefault("health", List.of()).contains(health)) {
                problems.add(file, "/categories/health", "the health field " + health + " is not in the health category",
                        "health: [" + health + "]");
            }
        }
        for (String leaf : contract.dataLeaves()) {
            boolean covered = categories.values().stream().flatMap(List::stream).anyMatch(c -> Pointers.covers(c, leaf));
            if (!covered) {
                problems.add(file, "/categories", "the contract field " + leaf + " is in no category",
                        "every field of the contract in a category, so that each is disclosed or withheld by decision");
            }
        }

        List<Policy> policies = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        JsonNode list = root.get("policies");
        for (int i = 0; i < list.size(); i++) {
            String at = "/policies/" + i;
            JsonNode p = list.get(i);
            Role role = Role.valueOf(p.get("role").asText());
            String purpose = p.get("purpose").asText();
            String previous = seen.putIfAbsent(role + "/" + purpose, at);
            if (previous != null) {
                problems.add(file, at, "a second policy for " + role + " with purpose '" + purpose + "' (the first is at line "
                        + file.line(previous) + ")", "one policy per role and purpose");
            }
            List<String> allow = expand(file, at + "/allow", p.path("allow"), role, categories, contract, problems);
            List<String> withConsent = expand(file, at + "/withConsent", p.path("withConsent"), role, categories, contract, problems);
            policies.add(new Policy(role, purpose, p.get("legalBasis").asText(), allow, withConsent, file.source(at)));
        }
        return new Policies(List.copyOf(policies), Collections.unmodifiableMap(categories));
    }

    private static List<String> expand(YamlFile file, String at, JsonNode entries, Role role, Map<String, List<String>> categories,
                                       ContractFields contract, Problems problems) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).asText();
            String eAt = at + "/" + i;
            List<String> paths;
            String via = "";
            if (entry.startsWith("/")) {
                if (!known(file, eAt, entry, contract, problems)) continue;
                paths = List.of(entry);
            } else if (categories.containsKey(entry)) {
                paths = categories.get(entry);
                via = " (in category '" + entry + "')";
            } else {
                problems.add(file, eAt, "'" + entry + "' is not a category" + Suggest.didYouMean(entry, categories.keySet()),
                        "a category of /categories (" + String.join(", ", categories.keySet()) + ") or a JSON pointer such as /data/person/givenName");
                continue;
            }
            if (role != Role.HEALTH_OFFICE) {
                for (String path : paths) {
                    for (String health : HEALTH_FIELDS) {
                        if (Pointers.overlap(path, health)) {
                            problems.add(file, eAt, "lets health data (" + health + ") reach " + role + " through " + path + via,
                                    "health data only for HEALTH_OFFICE; list the fields this role needs instead of a path that contains health data");
                        }
                    }
                }
            }
            out.addAll(paths);
        }
        return List.copyOf(out);
    }

    private static boolean known(YamlFile file, String at, String path, ContractFields contract, Problems problems) {
        if (!Pointers.valid(path)) {
            problems.add(file, at, "'" + path + "' is not a JSON pointer", "'/'-separated names such as /data/person/givenName");
            return false;
        }
        if (!contract.anyTypeHas(path)) {
            problems.add(file, at, "no event type of the contract has the field " + path + Suggest.didYouMean(path, contract.allDataFields()),
                    "a field of EVENTS.md under /data, '*' for list elements");
            return false;
        }
        return true;
    }
}

package no.budstikke.console.oidc;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The console roles a role claim grants: a claim value grants each role whose values list it. */
final class RoleClaim {

    private RoleClaim() {
    }

    /**
     * @param claim the claim as read from the token: a string, a list (Entra ID's {@code roles} and
     *              {@code groups}) or absent; values that are not strings grant nothing
     */
    static Set<String> roles(Object claim, Map<String, Set<String>> roleValues) {
        Collection<?> values = claim instanceof Collection<?> c ? c : claim instanceof String s ? List.of(s) : List.of();
        Set<String> roles = new TreeSet<>();
        for (Object value : values) {
            if (!(value instanceof String v)) continue;
            roleValues.forEach((role, granting) -> {
                if (granting.contains(v)) roles.add(role);
            });
        }
        return roles;
    }
}

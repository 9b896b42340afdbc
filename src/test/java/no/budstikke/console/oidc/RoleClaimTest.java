package no.budstikke.console.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleClaimTest {

    private static final Map<String, Set<String>> BY_NAME = Map.of("staff", Set.of("staff"), "ops", Set.of("ops"), "ops-pii", Set.of("ops-pii"));

    @Test
    void aListGrantsEachRoleItNamesAndIgnoresTheRest() {
        assertThat(RoleClaim.roles(List.of("ops", "finance", "staff"), BY_NAME)).containsExactly("ops", "staff");
    }

    @Test
    void aSingleStringIsOneValue() {
        assertThat(RoleClaim.roles("ops-pii", BY_NAME)).containsExactly("ops-pii");
    }

    @Test
    void valuesAreComparedExactly() {
        assertThat(RoleClaim.roles(List.of("OPS", " ops", "ops-pii-extra"), BY_NAME)).isEmpty();
    }

    @Test
    void anAbsentOrOddlyShapedClaimGrantsNothing() {
        assertThat(RoleClaim.roles(null, BY_NAME)).isEmpty();
        assertThat(RoleClaim.roles(Map.of("ops", true), BY_NAME)).isEmpty();
        assertThat(RoleClaim.roles(List.of(1, true), BY_NAME)).isEmpty();
    }

    @Test
    void oneValueMayGrantSeveralRoles() {
        Map<String, Set<String>> groups = Map.of("ops", Set.of("g-drift"), "ops-pii", Set.of("g-drift"), "staff", Set.of("g-stab"));
        assertThat(RoleClaim.roles(List.of("g-drift"), groups)).containsExactlyInAnyOrder("ops", "ops-pii");
    }
}

package no.budstikke.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.Callers;
import no.budstikke.auth.Credential;
import no.budstikke.http.ApiAccess.Decision;
import no.budstikke.http.ApiAccess.Level;
import org.junit.jupiter.api.Test;

/** The HTTP API's one policy: any known caller for intake, ops keys alone for the ops API. */
class ApiAccessTest {

    private final ApiAccess access = new ApiAccess(new Callers(new ApiKeys(List.of(
            entry("ops-key", new Credential("ops", List.of(), true)),
            entry("scraper-key", new Credential("scraper", List.of(), false, Set.of(Credential.METRICS))),
            entry("centre-key", new Credential("centre", List.of("urn:no:udi:mot:centre:C-0301-01"), false)))), null));

    @Test
    void theOpsRoleNeedsAKeyWithOps() {
        assertThat(access.decide(Level.OPS, "Bearer ops-key").caller().name()).isEqualTo("ops");
        for (String header : new String[] {null, "Bearer nope", "Basic b3BzLWtleQ=="}) {
            assertThat(access.decide(Level.OPS, header).refusal().status()).as(header).isEqualTo(401);
        }
        for (String header : new String[] {"Bearer centre-key", "Bearer scraper-key"}) {
            Decision d = access.decide(Level.OPS, header);
            assertThat(d.allowed()).as(header).isFalse();
            assertThat(d.refusal().status()).as(header).isEqualTo(403);
            assertThat(d.refusal().bodyText()).contains("\\\"ops\\\": true");
        }
    }

    @Test
    void theCallerRoleTakesAnyKnownKey() {
        assertThat(access.decide(Level.CALLER, "Bearer centre-key").caller().name()).isEqualTo("centre");
        assertThat(access.decide(Level.CALLER, "Bearer ops-key").caller().name()).isEqualTo("ops");
        Decision unknown = access.decide(Level.CALLER, "Bearer nope");
        assertThat(unknown.refusal().status()).isEqualTo(401);
        assertThat(unknown.refusal().headers()).containsKey("WWW-Authenticate");
    }

    @Test
    void rolesAreKnownByTheNamesTheRestDslUses() {
        assertThat(Level.ofRole("caller")).contains(Level.CALLER);
        assertThat(Level.ofRole("ops")).contains(Level.OPS);
        assertThat(Level.ofRole("OPS")).isEmpty();
        assertThat(Level.ofRole(null)).isEmpty();
    }

    private static ApiKeys.Entry entry(String key, Credential credential) {
        return new ApiKeys.Entry(ApiKeys.sha256(key), credential);
    }
}

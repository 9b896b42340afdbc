package no.budstikke.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.Credential;
import no.budstikke.http.ManagementAccess.Decision;
import org.junit.jupiter.api.Test;

/** The management port's rule: bare probes for anyone, the rest for ops and metrics keys. */
class ManagementAccessTest {

    private final ManagementAccess access = new ManagementAccess(new ApiKeys(List.of(
            entry("ops-key", new Credential("ops", List.of(), true)),
            entry("scraper-key", new Credential("scraper", List.of(), false, Set.of(Credential.METRICS))),
            entry("centre-key", new Credential("centre", List.of("urn:no:udi:mot:centre:C-0301-01"), false)))));

    @Test
    void probesWithoutARightfulKeyGetTheStatusAlone() {
        for (String header : new String[] {null, "Bearer nope", "Bearer centre-key", "Basic b3BzLWtleQ=="}) {
            assertThat(access.decide("/observe/health/live", header)).as(header).isEqualTo(Decision.LIVENESS_STATUS);
            assertThat(access.decide("/observe/health/ready", header)).as(header).isEqualTo(Decision.READINESS_STATUS);
        }
    }

    @Test
    void everythingElseNeedsAnOpsOrMetricsKey() {
        for (String path : List.of("/observe/health", "/observe/metrics", "/observe/health/live/", "/observe/health/ready/..",
                "/Observe/health/live", "/")) {
            assertThat(access.decide(path, null)).as(path).isEqualTo(Decision.UNAUTHORIZED);
            assertThat(access.decide(path, "Bearer nope")).as(path).isEqualTo(Decision.UNAUTHORIZED);
            assertThat(access.decide(path, "Bearer centre-key")).as(path).isEqualTo(Decision.FORBIDDEN);
            assertThat(access.decide(path, "Bearer ops-key")).as(path).isEqualTo(Decision.PASS);
            assertThat(access.decide(path, "Bearer scraper-key")).as(path).isEqualTo(Decision.PASS);
        }
    }

    @Test
    void refusalsSayNothingOfThePort() {
        HttpAnswer unauthorized = ManagementAccess.refusal(Decision.UNAUTHORIZED);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"budstikke\"");
        assertThat(ManagementAccess.refusal(Decision.FORBIDDEN).status()).isEqualTo(403);
        assertThat(ManagementAccess.status(false).status()).isEqualTo(503);
        assertThat(ManagementAccess.status(false).bodyText()).isEqualTo("{\"status\":\"DOWN\"}");
    }

    private static ApiKeys.Entry entry(String key, Credential credential) {
        return new ApiKeys.Entry(ApiKeys.sha256(key), credential);
    }
}

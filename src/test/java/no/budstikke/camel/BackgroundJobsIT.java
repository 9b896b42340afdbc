package no.budstikke.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background timers made from the templates in routes/shared/background-jobs.camel.yaml keep the route
 * ids that metrics, docs and benchmarks name, a timer (and so a thread) each, and the background
 * error policy.
 */
class BackgroundJobsIT {

    /** Route id → timer name. */
    private static final Map<String, String> TIMERS = Map.ofEntries(
            Map.entry("dispatch", "dispatch"),
            Map.entry("deadlines-watch", "deadlines"),
            Map.entry("overdue-tasks", "overdue-tasks"),
            Map.entry("schedules", "schedules"),
            Map.entry("tertial-schedule", "tertial-schedule"),
            Map.entry("retention-purge", "retention-purge"),
            Map.entry("config-version-poll", "config-version-poll"),
            Map.entry("config-behind-metric", "config-behind-metric"),
            Map.entry("follow-up-metrics", "follow-up-metrics"),
            Map.entry("delivery-metrics", "delivery-metrics"),
            Map.entry("deliver-leases", "deliver-leases"));

    @TempDir
    Path dir;

    @Test
    void everyBackgroundJobHasItsRouteIdItsOwnTimerAndTheBackgroundErrorPolicy() {
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
            TIMERS.forEach((routeId, timer) -> {
                Route route = hub.context().getRoute(routeId);
                assertThat(route).as(routeId).isNotNull();
                assertThat(route.getEndpoint().getEndpointUri()).as(routeId).startsWith("timer://" + timer + "?");
                assertThat(route.getConfigurationId()).as(routeId).isEqualTo("background-errors");
            });
            assertThat(hub.context().getRoute("dispatch").getEndpoint().getEndpointUri())
                    .contains("delay=200", "period=200", "synchronous=true");
            assertThat(hub.context().getRoute("deliver-leases").getEndpoint().getEndpointUri())
                    .as("renewed every lease-renew-ms, on a timer other than the deliver timer's")
                    .contains("delay=2000", "period=2000", "synchronous=true");
            assertThat(hub.context().getRoute("follow-up-metrics").getEndpoint().getEndpointUri())
                    .contains("period=15000").doesNotContain("delay", "synchronous");
        }
    }
}

package no.budstikke.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubBootsIT {

    @TempDir
    Path dir;

    @Test
    void exampleEventIsAcknowledgedAfterItIsStored() throws Exception {
        byte[] missing = Files.readAllBytes(Path.of("examples/events/missing.json"));
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(TestDatabases.Kind.H2, dir)))) {
            HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json", missing, TestHub.CENTRE_0301_KEY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(r.body()).contains("\"outcome\":\"stored\"");
            // Readiness waits for every consumer's first poll, which comes shortly after start.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> ready = hub.getManagement("/observe/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            });
        }
    }
}

package no.budstikke.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database keeps every committed event when the process dies without a clean stop. */
class CrashDurabilityIT {

    @TempDir
    Path dir;

    @Test
    void everyCommittedEventSurvivesAProcessThatDiesAtOnce() throws Exception {
        int n = 100;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitThenHalt.class.getName(), dir.toString(), Integer.toString(n))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child finishes").isTrue();
        assertThat(output(child)).contains("committed " + n);

        try (Database db = Database.open("", null, null, dir, 2)) {
            assertThat(new EventStore(new Transactions(db.dataSource()), java.time.Clock.systemUTC()).count()).isEqualTo(n);
        }
    }

    private static String output(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}

package no.budstikke.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.budstikke.config.ConfigException;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's users file is checked at start like the other config files, and the production profile refuses the first login. */
class ConsoleStartIT {

    @TempDir
    Path dir;

    @Test
    void aMistypedRoleStopsTheStartNamingTheFileAndEntry() throws Exception {
        Path users = dir.resolve("console-users.json");
        Files.writeString(users, ConsoleHub.usersFile().replace("\"staff\"", "\"staf\""));
        Map<String, String> settings = TestHub.defaults(dir, TestDatabases.freshUrl(TestDatabases.Kind.H2, dir));
        settings.put("budstikke.console.users-file", users.toString());
        assertThat(startFailure(settings)).contains(users + " at /users/2/roles/0: unknown role; expected one of [staff, ops, ops-pii]");
    }

    @Test
    void productionRefusesTheShippedFirstLogin() {
        // Everything else as production wants it, so that the first login is what stops the start.
        Map<String, String> settings = TestHub.defaults(dir, TestDatabases.freshUrl(TestDatabases.Kind.POSTGRES, dir));
        settings.put("budstikke.console.users-file", Path.of("config/console-users.json").toAbsolutePath().toString());
        settings.put("budstikke.profile", "production");
        settings.put("budstikke.delivery.sandbox", "false");
        settings.put("budstikke.ops.mailbox", "Drift <drift@hub.test>");
        settings.put("budstikke.intake.file.sources", "none");
        settings.put("budstikke.http.trusted-proxies", "127.0.0.1");
        assertThat(startFailure(settings)).contains("console-users.json at /users: the production profile refuses the entries [drift]");
    }

    private static String startFailure(Map<String, String> settings) {
        Throwable thrown = catchThrowable(() -> TestHub.start(settings).close());
        assertThat(thrown).as("the hub started, but it should have refused").isInstanceOf(IllegalStateException.class);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) return t.getMessage();
        }
        throw new AssertionError("no ConfigException in the cause chain", thrown);
    }
}

package no.budstikke;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands an operator types, and what a mistyped one answers. */
class CommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int command(String... args) {
        return Budstikke.command(List.of(args), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    }

    @Test
    void helpListsEveryCommandTheHubHas() {
        assertThat(command("--help")).isZero();
        String help = out.toString(UTF_8);
        for (String command : List.of("check [--config DIR]", "explain EVENT.json", "new-api-key NAME", "new-user NAME ROLE...", "--help")) {
            assertThat(help).contains("\n  " + command);
        }
        assertThat(err.toString(UTF_8)).isEmpty();
    }

    @Test
    void aMisspeltCommandIsRefusedWithTheListInsteadOfStartingTheHub() {
        assertThat(command("chek", "--config", "config")).isEqualTo(Budstikke.USAGE);
        assertThat(err.toString(UTF_8)).startsWith("budstikke: no command 'chek'\nusage: budstikke [COMMAND]");
        assertThat(out.toString(UTF_8)).isEmpty();
    }

    @Test
    void whatIsEchoedOfAMistypedCommandStaysOneShortLine() {
        command("x\u001b[31m\n" + "y".repeat(100));
        String first = err.toString(UTF_8).lines().findFirst().orElseThrow();
        assertThat(first).doesNotContain("\u001b").hasSizeLessThan(70).endsWith("…'");
    }

    @Test
    void theCommandsRunAsListed() {
        assertThat(command("check", "--config", "config")).isZero();
        assertThat(out.toString(UTF_8)).contains("check: config is valid");
        assertThat(command("new-api-key", "bergen-centre")).isZero();
        assertThat(out.toString(UTF_8)).contains("bergen-centre");
    }

    @Test
    void newUserPrintsAPasswordOnceAndAnEntryHoldingOnlyItsHash() throws Exception {
        assertThat(command("new-user", "kari", "ops", "staff")).isZero();
        String printed = out.toString(UTF_8);
        String password = printed.lines().dropWhile(l -> !l.startsWith("Give this password")).skip(1).findFirst().orElseThrow().trim();
        assertThat(password).hasSize(20);
        java.util.regex.Matcher hash = java.util.regex.Pattern.compile("\"passwordHash\": \"([^\"]+)\"").matcher(printed);
        assertThat(hash.find()).isTrue();
        assertThat(no.budstikke.console.auth.Passwords.matches(password, hash.group(1))).isTrue();
        assertThat(printed).contains("\"name\": \"kari\"", "\"roles\": [\"ops\", \"staff\"]")
                .containsOnlyOnce(password);
    }

    @Test
    void checkFindsAMistakeInTheConsoleUsersFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path copy = dir.resolve("config");
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("config"))) {
            for (java.nio.file.Path f : files.toList()) {
                java.nio.file.Path to = copy.resolve(java.nio.file.Path.of("config").relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) java.nio.file.Files.createDirectories(to);
                else java.nio.file.Files.copy(f, to);
            }
        }
        java.nio.file.Path users = copy.resolve("console-users.json");
        java.nio.file.Files.writeString(users, java.nio.file.Files.readString(users).replace("\"ops-pii\"", "\"admin\""));
        assertThat(command("check", "--config", copy.toString())).isEqualTo(78);
        assertThat(err.toString(UTF_8)).contains(users + " at /users/0/roles/0: unknown role");
    }

    @Test
    void newUserRefusesAnUnknownRoleWithTheList() {
        assertThat(command("new-user", "kari", "admin")).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("unknown role 'admin'", "staff, ops, ops-pii");
        assertThat(out.toString(UTF_8)).isEmpty();
        assertThat(command("new-user", "kari")).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("usage: new-user NAME ROLE...");
    }
}

package no.budstikke.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import no.budstikke.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleUsersFileTest {

    private static final String HASH = Passwords.hash("et-passord");

    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        Path f = dir.resolve("console-users.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void readsEachPersonWithTheirRoles() throws Exception {
        ConsoleUsers users = ConsoleUsersFile.load(file("""
                {"users": [{"name": "kari", "passwordHash": "%s", "roles": ["ops", "staff"]},
                           {"name": "siri", "passwordHash": "%s", "roles": ["staff"]}]}""".formatted(HASH, HASH)));
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.named("kari").orElseThrow().roles()).containsExactlyInAnyOrder(Role.OPS, Role.STAFF);
        assertThat(users.named("ola")).isEmpty();
        assertThat(users.usingFirstLoginPassword()).isEmpty();
    }

    @Test
    void aMistypedRoleIsNamedWithTheRolesThatExist() throws Exception {
        Path f = file("{\"users\": [{\"name\": \"kari\", \"passwordHash\": \"%s\", \"roles\": [\"ops\", \"opspii\"]}]}".formatted(HASH));
        assertThatThrownBy(() -> ConsoleUsersFile.load(f)).isInstanceOf(ConfigException.class)
                .hasMessage(f + " at /users/0/roles/1: unknown role; expected one of [staff, ops, ops-pii]");
    }

    @Test
    void aMissingHashIsNamed() throws Exception {
        Path f = file("{\"users\": [{\"name\": \"kari\", \"roles\": [\"ops\"]}]}");
        assertThatThrownBy(() -> ConsoleUsersFile.load(f)).hasMessageStartingWith(f + " at /users/0/passwordHash: missing")
                .hasMessageContaining("new-user");
    }

    @Test
    void aPlainTextPasswordIsNotAHash() throws Exception {
        Path f = file("{\"users\": [{\"name\": \"kari\", \"passwordHash\": \"hemmelig\", \"roles\": [\"ops\"]}]}");
        assertThatThrownBy(() -> ConsoleUsersFile.load(f)).hasMessageStartingWith(f + " at /users/0/passwordHash: not an Argon2id hash")
                .message().doesNotContain("hemmelig");
    }

    @Test
    void aNameUsedTwiceIsNamed() throws Exception {
        Path f = file("""
                {"users": [{"name": "kari", "passwordHash": "%s", "roles": ["ops"]},
                           {"name": "kari", "passwordHash": "%s", "roles": ["staff"]}]}""".formatted(HASH, HASH));
        assertThatThrownBy(() -> ConsoleUsersFile.load(f)).hasMessage(f + " at /users/1/name: 'kari' is used twice");
    }

    @Test
    void everyMistakeIsListedAtOnce() throws Exception {
        Path f = file("""
                {"users": [{"name": "Kari Nordmann", "passwordHash": "%s", "roles": []},
                           {"name": "ola", "passwordHash": "", "roles": "ops"}]}""".formatted(HASH));
        assertThatThrownBy(() -> ConsoleUsersFile.load(f)).message().satisfies(m -> assertThat(m.lines()).containsExactly(
                f + " at /users/0/name: expected 1-64 lower-case letters, digits, '.', '_' or '-'",
                f + " at /users/0/roles: expected a non-empty array of roles from [staff, ops, ops-pii]",
                f + " at /users/1/passwordHash: missing; expected a PHC string starting $argon2id$ (make one with 'new-user')",
                f + " at /users/1/roles: expected a non-empty array of roles from [staff, ops, ops-pii]"));
    }

    @Test
    void notJsonOrNoUsersArraySaysWhatIsExpected() throws Exception {
        Path broken = file("{users: ");
        assertThatThrownBy(() -> ConsoleUsersFile.load(broken)).hasMessageStartingWith(broken + ": not readable JSON")
                .hasMessageContaining("{\"users\": [");
        Path wrong = file("{\"people\": []}");
        assertThatThrownBy(() -> ConsoleUsersFile.load(wrong)).hasMessageStartingWith(wrong + " at /users: expected an array");
    }
}

package no.budstikke.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aHashIsAnArgon2idPhcStringThatChecksOnlyItsOwnPassword() {
        String hash = Passwords.hash("riktig-hest-batteri-stift");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(Passwords.isArgon2id(hash)).isTrue();
        assertThat(Passwords.matches("riktig-hest-batteri-stift", hash)).isTrue();
        assertThat(Passwords.matches("riktig-hest-batteri-stifT", hash)).isFalse();
        assertThat(Passwords.matches("", hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(Passwords.hash("samme")).isNotEqualTo(Passwords.hash("samme"));
    }

    @Test
    void whatIsNotAnArgon2idHashChecksNothing() {
        for (String notOne : new String[] {"", "plain-text", "$2a$10$abcdefghijklmnopqrstuv", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                "$argon2id$v=19$m=19456,t=2,p=1$onlysalt"}) {
            assertThat(Passwords.isArgon2id(notOne)).as(notOne).isFalse();
            assertThat(Passwords.matches("plain-text", notOne)).as(notOne).isFalse();
        }
        assertThat(Passwords.matches(null, Passwords.hash("x"))).isFalse();
    }

    @Test
    void theShippedFirstLoginChecksWithItsDocumentedPassword() throws Exception {
        ConsoleUsers shipped = ConsoleUsersFile.load(java.nio.file.Path.of("config/console-users.json"));
        assertThat(shipped.usingFirstLoginPassword()).containsExactly(ConsoleUsers.FIRST_LOGIN_NAME);
        assertThat(shipped.named(ConsoleUsers.FIRST_LOGIN_NAME).orElseThrow().roles()).containsExactly(Role.OPS_PII);
    }

    @Test
    void generatedPasswordsAreLongAndDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String p = Passwords.generate();
            assertThat(p).hasSize(20).matches("[A-Za-z2-9]+");
            seen.add(p);
        }
        assertThat(seen).hasSize(50);
    }
}

package no.budstikke.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.config.HubSettings;
import no.budstikke.dispatch.config.Problems;
import no.budstikke.startup.ProductionGuard;
import org.junit.jupiter.api.Test;

/** The documented first login is for trying the embedded default: the production profile refuses it, under any name. */
class FirstLoginInProductionTest {

    private static final Path SHIPPED = Path.of("config/console-users.json");

    private static HubSettings profile(String profile) {
        return new HubSettings(k -> Optional.ofNullable(Map.of("budstikke.profile", profile).get(k)));
    }

    @Test
    void productionRefusesTheShippedUsersFile() {
        Problems problems = new Problems();
        ProductionGuard.consoleRefusals(profile("production"), ConsoleUsersFile.load(SHIPPED).usingFirstLoginPassword(), SHIPPED, problems);
        assertThatThrownBy(() -> problems.throwIfAny("settings")).hasMessageContaining(SHIPPED.toString())
                .hasMessageContaining("the production profile refuses the entries [drift]")
                .hasMessageContaining("'new-user'")
                .message().doesNotContain(ConsoleUsers.FIRST_LOGIN_PASSWORD);
    }

    @Test
    void theFirstPasswordUnderAnotherNameIsRefusedToo() {
        ConsoleUsers users = new ConsoleUsers(List.of(
                new ConsoleUsers.User("kari", Passwords.hash(ConsoleUsers.FIRST_LOGIN_PASSWORD), Set.of(Role.OPS)),
                new ConsoleUsers.User("ola", Passwords.hash(Passwords.generate()), Set.of(Role.OPS))));
        Problems problems = new Problems();
        ProductionGuard.consoleRefusals(profile("production"), users.usingFirstLoginPassword(), SHIPPED, problems);
        assertThatThrownBy(() -> problems.throwIfAny("settings")).hasMessageContaining("[kari]").message().doesNotContain("ola");
    }

    @Test
    void theEmbeddedDefaultAndOwnPasswordsPass() {
        Problems embedded = new Problems();
        ProductionGuard.consoleRefusals(profile("embedded"), ConsoleUsersFile.load(SHIPPED).usingFirstLoginPassword(), SHIPPED, embedded);
        assertThat(embedded.lines()).isEmpty();
        Problems own = new Problems();
        ProductionGuard.consoleRefusals(profile("production"), new ConsoleUsers(List.of(
                new ConsoleUsers.User("kari", Passwords.hash(Passwords.generate()), Set.of(Role.OPS)))).usingFirstLoginPassword(), SHIPPED, own);
        assertThat(own.lines()).isEmpty();
    }
}

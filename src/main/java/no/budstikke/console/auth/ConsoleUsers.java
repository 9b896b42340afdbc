package no.budstikke.console.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The people of the local users file, by name. */
public final class ConsoleUsers {

    /** The first login the embedded default ships with (docs/console.md); the production profile refuses it. */
    public static final String FIRST_LOGIN_NAME = "drift";
    public static final String FIRST_LOGIN_PASSWORD = "budstikke-lokal-drift";

    /** One entry: a name, the Argon2id hash of the password and the roles. */
    public record User(String name, String passwordHash, java.util.Set<Role> roles) {
        @Override
        public String toString() {
            return "User[" + roles + "]";
        }
    }

    private final Map<String, User> byName;

    public ConsoleUsers(List<User> users) {
        this.byName = users.stream().collect(Collectors.toUnmodifiableMap(User::name, Function.identity()));
    }

    public Optional<User> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The entries whose password is the documented first login's, whatever their name. */
    public List<String> usingFirstLoginPassword() {
        return byName.values().stream().filter(u -> Passwords.matches(FIRST_LOGIN_PASSWORD, u.passwordHash()))
                .map(User::name).sorted().toList();
    }

    public int size() {
        return byName.size();
    }
}

package no.budstikke.console.auth;

import java.util.Optional;

/**
 * A login with a name and password from the local users file. A refusal never says whether the
 * name or the password was wrong, and an unknown name costs the same hashing as a known one.
 */
public final class LocalLogin {

    /** Checked when the name is unknown, so that the answer takes as long as for a known name. */
    private static final String DECOY = Passwords.hash(Passwords.generate());

    private final ConsoleUsers users;
    private final LoginThrottle throttle;

    public LocalLogin(ConsoleUsers users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    /** The person, or empty when the name and password do not match or the name has failed too often lately. */
    public Optional<Person> login(String name, String password) {
        String typed = name == null ? "" : name.trim();
        if (typed.isEmpty() || typed.length() > 64 || password == null || password.length() > 1024) return Optional.empty();
        if (!throttle.allows(typed)) return Optional.empty();
        Optional<ConsoleUsers.User> user = users.named(typed);
        boolean matches = Passwords.matches(password, user.map(ConsoleUsers.User::passwordHash).orElse(DECOY));
        if (user.isEmpty() || !matches) {
            throttle.failed(typed);
            return Optional.empty();
        }
        throttle.succeeded(typed);
        return Optional.of(new Person(typed, user.get().roles()));
    }
}

package no.budstikke.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import no.budstikke.store.ConsoleSessions;

/**
 * Console sessions in the database: the browser holds a random id, the database its SHA-256. A
 * session ends when it has been idle too long or lived its lifetime ({@link SessionPolicy}); an
 * ended one is refused and deleted when next seen, and all of them by {@link #purge()}.
 */
public final class Sessions {

    /** A session's last-seen time is written at most this often, not on every page. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ConsoleSessions store;
    private final SessionPolicy policy;
    private final Clock clock;

    public Sessions(ConsoleSessions store, SessionPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    /** A new session: its id for the cookie (shown only now) and who it is. */
    public record Opened(String id, Viewer viewer) {
        @Override
        public String toString() {
            return "Opened[" + viewer + "]";
        }
    }

    public Opened open(Person person) {
        String id = Tokens.random();
        String csrf = Tokens.random();
        String roles = person.roles().stream().map(Role::id).sorted().collect(Collectors.joining(","));
        store.open(Tokens.sha256Hex(id), person.name(), roles, csrf, now());
        return new Opened(id, new Viewer(person, csrf));
    }

    /** The viewer of a live session, or empty: unknown, malformed, idle too long or too old (then deleted). */
    public Optional<Viewer> resolve(String id) {
        if (!Tokens.wellFormed(id)) return Optional.empty();
        String hash = Tokens.sha256Hex(id);
        Optional<ConsoleSessions.Row> row = store.find(hash);
        if (row.isEmpty()) return Optional.empty();
        OffsetDateTime now = now();
        ConsoleSessions.Row r = row.get();
        if (!policy.alive(r.createdAt(), r.lastSeenAt(), now)) {
            store.close(hash);
            return Optional.empty();
        }
        if (!now.isBefore(r.lastSeenAt().plus(TOUCH_EVERY))) store.touch(hash, now);
        return Optional.of(new Viewer(new Person(r.person(), roles(r.roles())), r.csrfToken()));
    }

    public void close(String id) {
        if (Tokens.wellFormed(id)) store.close(Tokens.sha256Hex(id));
    }

    /** Deletes every ended session; how many. */
    public int purge() {
        OffsetDateTime now = now();
        return store.purge(policy.idleBefore(now), policy.createdBefore(now));
    }

    public SessionPolicy policy() {
        return policy;
    }

    private static Set<Role> roles(String stored) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(stored.split(",")).map(Role::named).flatMap(Optional::stream).forEach(roles::add);
        return roles;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}

package no.budstikke.console.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Someone signed in to the console, however they proved who they are: the local users file here,
 * an OpenID Connect provider elsewhere. A login method produces this; sessions and pages take it.
 */
public record Person(String name, Set<Role> roles) {

    /** What the journal and acknowledgements record, never to be mistaken for an API key's name. */
    public static final String ACTOR_PREFIX = "person:";

    public Person {
        Objects.requireNonNull(name);
        roles = Set.copyOf(roles);
    }

    public String actor() {
        return ACTOR_PREFIX + name;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Ops or ops-pii: the console beyond the tasks. */
    public boolean isOps() {
        return has(Role.OPS) || has(Role.OPS_PII);
    }

    @Override
    public String toString() {
        return "Person[" + roles + "]"; // the name stays out of logs
    }
}

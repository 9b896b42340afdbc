package no.budstikke.console.oidc;

import java.util.Objects;
import java.util.Set;

/**
 * A person the issuer vouched for: the name to show, and their console roles (some of
 * {@link OidcSettings#ROLES}, never none).
 */
public record OidcPerson(String name, Set<String> roles) {

    public OidcPerson {
        Objects.requireNonNull(name);
        roles = Set.copyOf(roles);
        if (roles.isEmpty()) throw new IllegalArgumentException("a console person holds at least one role");
    }

    /** A name is personal data: logs see the roles only. */
    @Override
    public String toString() {
        return "OidcPerson[roles=" + roles + "]";
    }
}

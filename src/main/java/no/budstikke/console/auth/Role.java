package no.budstikke.console.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a person may do in the console. Each role is written in the users file and in sessions by its {@link #id()}. */
public enum Role {
    /** Tasks only: the calls to make. */
    STAFF,
    /** Everything except raw personal data. */
    OPS,
    /** As ops, and may also open personal fields and quarantined bytes. */
    OPS_PII;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Role> named(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }

    /** The ids, for messages that say what is expected. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Role::id).toList();
    }
}

package no.budstikke.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.budstikke.config.ConfigException;

/**
 * Reads {@code console-users.json}: {@code {"users": [{"name", "passwordHash", "roles"}]}}. Every
 * mistake is reported with the file and the JSON pointer of the entry, all at once.
 */
public final class ConsoleUsersFile {

    static final String EXPECTED_ENTRY = "{\"name\": \"kari\", \"passwordHash\": \"$argon2id$v=19$...\", \"roles\": [\"ops\"]}";

    private ConsoleUsersFile() {
    }

    public static ConsoleUsers load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not readable JSON (" + e.getClass().getSimpleName() + "); expected {\"users\": ["
                    + EXPECTED_ENTRY + "]}");
        }
        JsonNode users = root == null ? null : root.get("users");
        if (users == null || !users.isArray()) {
            throw new ConfigException(file + " at /users: expected an array of " + EXPECTED_ENTRY);
        }
        List<String> errors = new ArrayList<>();
        List<ConsoleUsers.User> read = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            String at = file + " at /users/" + i;
            JsonNode u = users.get(i);
            int before = errors.size();
            String name = u.path("name").asText("");
            if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                errors.add(at + "/name: expected 1-64 lower-case letters, digits, '.', '_' or '-'");
            } else if (!names.add(name)) {
                errors.add(at + "/name: '" + name + "' is used twice");
            }
            String hash = u.path("passwordHash").asText("");
            if (!Passwords.isArgon2id(hash)) {
                errors.add(at + "/passwordHash: " + (hash.isEmpty() ? "missing" : "not an Argon2id hash")
                        + "; expected a PHC string starting $argon2id$ (make one with 'new-user')");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            JsonNode r = u.path("roles");
            if (!r.isArray() || r.isEmpty()) {
                errors.add(at + "/roles: expected a non-empty array of roles from " + Role.ids());
            } else {
                for (int j = 0; j < r.size(); j++) {
                    var role = Role.named(r.get(j).asText(""));
                    if (role.isEmpty()) errors.add(at + "/roles/" + j + ": unknown role; expected one of " + Role.ids());
                    else roles.add(role.get());
                }
            }
            if (errors.size() == before) read.add(new ConsoleUsers.User(name, hash, roles));
        }
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return new ConsoleUsers(read);
    }
}

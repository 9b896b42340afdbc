package no.budstikke.console.auth;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code new-user NAME ROLE...}: makes a strong random password, prints it once, and prints the
 * entry (with only its Argon2id hash) to add to console-users.json.
 */
public final class NewUser {

    static final String USAGE = "usage: new-user NAME ROLE...   (roles: " + String.join(", ", Role.ids()) + ")";

    private NewUser() {
    }

    /** 0, or 2 with the usage when the name or a role is not one the users file accepts. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() < 2) {
            err.println(USAGE);
            return 2;
        }
        String name = args.get(0);
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            err.println("new-user: the name must be 1-64 lower-case letters, digits, '.', '_' or '-'");
            err.println(USAGE);
            return 2;
        }
        List<String> roles = args.subList(1, args.size());
        List<String> unknown = roles.stream().filter(r -> Role.named(r).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            err.println("new-user: unknown role " + unknown.stream().map(r -> "'" + shown(r) + "'").collect(Collectors.joining(", "))
                    + "; expected one or more of " + String.join(", ", Role.ids()));
            return 2;
        }
        String password = Passwords.generate();
        out.print("Give this password to " + name + " (it is shown only now):\n  " + password + "\n\n"
                + "Add this entry to \"users\" in console-users.json in the config folder:\n"
                + "  { \"name\": \"" + name + "\", \"passwordHash\": \"" + Passwords.hash(password) + "\",\n"
                + "    \"roles\": [" + roles.stream().distinct().map(r -> "\"" + r + "\"").collect(Collectors.joining(", ")) + "] }\n");
        return 0;
    }

    private static String shown(String typed) {
        String line = typed.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
}

package no.budstikke.console.auth;

import java.util.Optional;

/**
 * Who may do what in the console, decided for every request before any page runs: a page needs a
 * session, a form needs the session's CSRF token, and each area needs a role. The login page and
 * the static assets are open to all.
 */
public final class ConsoleAccess {

    public static final String ROOT = "/console";
    public static final String LOGIN = ROOT + "/logg-inn";
    public static final String LOGOUT = ROOT + "/logg-ut";
    public static final String TASKS = ROOT + "/oppgaver";
    public static final String ALERTS = ROOT + "/varsler";
    public static final String STATIC = ROOT + "/static/";
    /** The form field every POST carries the session's CSRF token in. */
    public static final String CSRF_FIELD = "csrf";

    /** What happens to a request. */
    public enum Decision {
        /** On to the page. */
        PASS,
        /** No live session: 303 to the login page. */
        LOGIN,
        /** The person's roles do not allow this: 403. */
        FORBIDDEN,
        /** A form without the session's CSRF token: 403. */
        BAD_CSRF
    }

    /** Where a path belongs; anything under /console not named below is the ops' part. */
    enum Area { OPEN, SIGNED_IN, TASKS, OPS }

    private ConsoleAccess() {
    }

    public static Decision decide(String method, String path, Optional<Viewer> viewer, String formCsrf) {
        Area area = area(path);
        if (area == Area.OPEN) return Decision.PASS;
        if (viewer.isEmpty()) return Decision.LOGIN;
        Person person = viewer.get().person();
        boolean allowed = switch (area) {
            case OPEN, SIGNED_IN -> true;
            case TASKS -> person.isOps() || person.has(Role.STAFF);
            case OPS -> person.isOps();
        };
        if (!allowed) return Decision.FORBIDDEN;
        if (!"GET".equals(method) && !"HEAD".equals(method) && !Tokens.same(viewer.get().csrfToken(), formCsrf)) {
            return Decision.BAD_CSRF;
        }
        return Decision.PASS;
    }

    /** The page a person lands on after logging in: staff on the tasks, everyone else on the overview. */
    public static String home(Person person) {
        return person.isOps() ? ROOT : TASKS;
    }

    static Area area(String path) {
        if (path.equals(LOGIN) || path.startsWith(STATIC)) return Area.OPEN;
        if (path.equals(LOGOUT)) return Area.SIGNED_IN;
        if (path.equals(TASKS) || path.startsWith(TASKS + "/")) return Area.TASKS;
        return Area.OPS;
    }
}

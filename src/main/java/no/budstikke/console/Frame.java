package no.budstikke.console;

import no.budstikke.console.auth.Viewer;

/**
 * What every page's frame needs: its title, which menu entry is current, and, when someone is
 * signed in, their name, whether they see the ops pages, and the CSRF token of the logout form.
 */
public record Frame(String title, String current, String person, boolean ops, String csrf, boolean refresh) {

    public static Frame of(String title, String current, Viewer viewer) {
        return new Frame(title, current, viewer.person().name(), viewer.person().isOps(), viewer.csrfToken(), false);
    }

    public static Frame signedOut(String title) {
        return new Frame(title, "", null, false, null, false);
    }

    /** The same frame, reloading itself every 30 seconds. */
    public Frame refreshing() {
        return new Frame(title, current, person, ops, csrf, true);
    }

    public boolean signedIn() {
        return person != null;
    }
}

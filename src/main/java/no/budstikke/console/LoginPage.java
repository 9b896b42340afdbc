package no.budstikke.console;

import java.util.Map;
import java.util.Optional;
import no.budstikke.console.auth.ConsoleAccess;
import no.budstikke.console.auth.LocalLogin;
import no.budstikke.console.auth.Person;
import no.budstikke.console.auth.SessionCookie;
import no.budstikke.console.auth.Sessions;
import no.budstikke.console.auth.Viewer;
import no.budstikke.http.HttpAnswer;

/** Logging in with a name and password from the local users file, and logging out. */
public final class LoginPage {

    private final LocalLogin login;
    private final Sessions sessions;
    private final ConsoleHtml html;

    public LoginPage(LocalLogin login, Sessions sessions, ConsoleHtml html) {
        this.login = login;
        this.sessions = sessions;
        this.html = html;
    }

    /** What the login page shows: whether the last attempt was refused. */
    public record LoginView(Frame frame, boolean refused) {
    }

    /** GET: the form, or the home page for someone already signed in. */
    public HttpAnswer show(Viewer viewer) {
        if (viewer != null) return ConsoleHtml.seeOther(ConsoleAccess.home(viewer.person()));
        return html.page(200, "login", new LoginView(Frame.signedOut("Logg inn"), false));
    }

    /** POST: a new session and its cookie, or the form again with one message for every kind of refusal. */
    public HttpAnswer submit(Map<String, String> form) {
        Optional<Person> person = login.login(form.get("navn"), form.get("passord"));
        if (person.isEmpty()) return html.page(401, "login", new LoginView(Frame.signedOut("Logg inn"), true));
        sessions.purge(); // a login is rare enough to sweep ended sessions away
        Sessions.Opened opened = sessions.open(person.get());
        return ConsoleHtml.seeOther(ConsoleAccess.home(person.get()))
                .withHeader("Set-Cookie", SessionCookie.set(opened.id(), sessions.policy()));
    }

    /** POST: the session is deleted, the cookie cleared. */
    public HttpAnswer logout(String sessionId) {
        if (sessionId != null) sessions.close(sessionId);
        return ConsoleHtml.seeOther(ConsoleAccess.LOGIN).withHeader("Set-Cookie", SessionCookie.cleared());
    }
}

package no.budstikke.console.auth;

/** The person behind a console request, with the session's CSRF token every form must carry back. */
public record Viewer(Person person, String csrfToken) {

    @Override
    public String toString() {
        return "Viewer[" + person + "]";
    }
}

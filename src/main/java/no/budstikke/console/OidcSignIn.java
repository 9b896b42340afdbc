package no.budstikke.console;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import no.budstikke.console.auth.ConsoleAccess;
import no.budstikke.console.auth.LoginStateCookie;
import no.budstikke.console.auth.Person;
import no.budstikke.console.auth.Role;
import no.budstikke.console.auth.SessionCookie;
import no.budstikke.console.auth.Sessions;
import no.budstikke.console.auth.Tokens;
import no.budstikke.console.oidc.AuthorizationRequest;
import no.budstikke.console.oidc.OidcLogin;
import no.budstikke.console.oidc.OidcPerson;
import no.budstikke.console.oidc.OidcRefusal;
import no.budstikke.console.oidc.OidcSettings;
import no.budstikke.console.oidc.PendingLogin;
import no.budstikke.http.HttpAnswer;
import no.budstikke.store.ConsoleLogins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging in through the agency's OpenID Connect issuer: {@link #start} keeps the login's nonce
 * and PKCE verifier in the database and sends the browser to the issuer with the state in a
 * cookie; {@link #callback} takes that login (once), lets {@link OidcLogin} check the issuer's
 * answer and opens a session for the person it vouches for. Without an issuer configured both
 * answer 404.
 */
public final class OidcSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);

    private final Optional<OidcLogin> oidc;
    private final Optional<OidcSettings> settings;
    private final ConsoleLogins logins;
    private final Sessions sessions;
    private final ConsoleHtml html;

    public OidcSignIn(Optional<OidcSettings> settings, Optional<OidcLogin> oidc, ConsoleLogins logins, Sessions sessions,
                      ConsoleHtml html) {
        this.settings = settings;
        this.oidc = oidc;
        this.logins = logins;
        this.sessions = sessions;
        this.html = html;
    }

    /** GET /console/oidc/start: 303 to the issuer, the state in a cookie, the rest kept here. */
    public HttpAnswer start() {
        if (oidc.isEmpty()) return notConfigured();
        AuthorizationRequest request;
        try {
            request = oidc.get().begin();
        } catch (OidcRefusal refusal) {
            return refused(refusal);
        }
        PendingLogin pending = request.pending();
        OffsetDateTime started = pending.startedAt().atOffset(ZoneOffset.UTC);
        logins.begin(Tokens.sha256Hex(pending.state()), new ConsoleLogins.Begun(pending.nonce(), pending.codeVerifier(), started),
                started.minus(settings.get().loginLifetime()));
        return ConsoleHtml.seeOther(request.redirectTo().toString())
                .withHeader("Set-Cookie", LoginStateCookie.set(pending.state(), settings.get().loginLifetime()));
    }

    /** GET /console/oidc?code=…&state=…: a session for the person, or a page that says the login was refused. */
    public HttpAnswer callback(String rawQuery, String cookies) {
        if (oidc.isEmpty()) return notConfigured();
        Optional<String> state = LoginStateCookie.read(cookies);
        Optional<ConsoleLogins.Begun> begun = state.flatMap(s -> logins.take(Tokens.sha256Hex(s)));
        if (begun.isEmpty()) {
            LOG.info("console oidc login refused: no login begun in this browser, or it was already used");
            return html.problem(400, "Innloggingen ble avvist",
                    "Innloggingen var ikke startet fra denne nettleseren, eller den er alt brukt. Start på nytt fra innloggingssiden.")
                    .withHeader("Set-Cookie", LoginStateCookie.cleared());
        }
        ConsoleLogins.Begun b = begun.get();
        OidcPerson person;
        try {
            person = oidc.get().complete(rawQuery == null ? "" : rawQuery,
                    new PendingLogin(state.get(), b.nonce(), b.codeVerifier(), b.startedAt().toInstant()));
        } catch (OidcRefusal refusal) {
            return refused(refusal).withHeader("Set-Cookie", LoginStateCookie.cleared());
        }
        Person signedIn = new Person(person.name(), roles(person.roles()));
        sessions.purge();
        Sessions.Opened opened = sessions.open(signedIn);
        LOG.info("console oidc login roles={}", person.roles());
        // The state cookie is left to expire: its login is taken, so it opens nothing any more.
        return ConsoleHtml.seeOther(ConsoleAccess.home(signedIn))
                .withHeader("Set-Cookie", SessionCookie.set(opened.id(), sessions.policy()));
    }

    private HttpAnswer refused(OidcRefusal refusal) {
        LOG.info("console oidc login refused: {}", refusal.reason());
        return switch (refusal.reason()) {
            case NO_ROLE -> html.problem(403, "Ingen tilgang", "Du er logget inn hos identitetsleverandøren, men har ingen rolle i konsollet.");
            case ISSUER_UNAVAILABLE -> html.problem(503, "Innlogging utilgjengelig",
                    "Identitetsleverandøren svarer ikke. Prøv igjen om litt, eller logg inn med lokal bruker.");
            default -> html.problem(401, "Innloggingen ble avvist", "Svaret fra identitetsleverandøren kunne ikke godtas. Start på nytt fra innloggingssiden.");
        };
    }

    private HttpAnswer notConfigured() {
        return html.problem(404, "Finnes ikke", "Innlogging med identitetsleverandør er ikke satt opp for denne huben.");
    }

    private static Set<Role> roles(Set<String> ids) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        ids.stream().map(Role::named).flatMap(Optional::stream).forEach(roles::add);
        return roles;
    }
}

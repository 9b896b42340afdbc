package no.budstikke.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import no.budstikke.auth.Authentication;
import no.budstikke.auth.Callers;
import no.budstikke.auth.Credential;

/**
 * The one authorisation policy of the HTTP API. Each operation declares in the REST DSL
 * ({@code routes/api/api.camel.yaml}) which of two {@link Level}s it needs; this decides whether a
 * request's credential has it, before any operation's code runs. What an answer may hold also
 * depends on the caller: health data only for the role {@code ops-pii} ({@link #json}).
 */
public final class ApiAccess {

    /** What an operation needs, named as the role its security requirement lists in the REST DSL. */
    public enum Level {
        /** Any known caller: an API key or a Maskinporten access token (intake, an event's status). */
        CALLER("caller"),
        /** An API key whose entry says {@code "ops": true}. */
        OPS("ops");

        private final String role;

        Level(String role) {
            this.role = role;
        }

        public static Optional<Level> ofRole(String name) {
            for (Level l : values()) {
                if (l.role.equals(name)) return Optional.of(l);
            }
            return Optional.empty();
        }
    }

    /** The caller an operation runs for, or the answer that refuses the request. */
    public record Decision(Credential caller, HttpAnswer refusal) {

        public boolean allowed() {
            return caller != null;
        }
    }

    private final Callers callers;

    public ApiAccess(Callers callers) {
        this.callers = callers;
    }

    /**
     * For {@link Level#CALLER}: a refused token is answered with its reason, an unknown key with 401.
     * For {@link Level#OPS}: 401 for an unknown key (a token is no ops credential), 403 for a known key without ops.
     */
    public Decision decide(Level level, String authorization) {
        if (level == Level.CALLER) {
            Authentication authentication = callers.authenticate(authorization);
            if (authentication.refusal().isPresent()) return refused(TokenProblems.refused(authentication.refusal().get()));
            return authentication.caller().map(ApiAccess::allowed).orElseGet(() -> refused(Problems.unauthorized()));
        }
        Optional<Credential> known = callers.apiKeys().authenticate(authorization);
        if (known.isEmpty()) return refused(Problems.unauthorized());
        return known.get().ops() ? allowed(known.get())
                : refused(Problems.forbidden("the ops API needs a credential with \"ops\": true"));
    }

    /** A JSON answer as {@code caller} may see it: without health data unless its role allows. */
    static HttpAnswer json(Credential caller, int status, JsonNode body) {
        return HttpAnswer.json(status, caller.maySeeHealthData() ? body : HealthData.without(body));
    }

    private static Decision allowed(Credential caller) {
        return new Decision(caller, null);
    }

    private static Decision refused(HttpAnswer answer) {
        return new Decision(null, answer);
    }
}

package no.budstikke.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.Credential;

/**
 * The one rule for the ops API: a known key whose entry says {@code "ops": true}. What an ops
 * answer may hold also depends on the caller: health data only for the role {@code ops-pii}.
 */
final class OpsAccess {

    private final ApiKeys keys;

    OpsAccess(ApiKeys keys) {
        this.keys = keys;
    }

    /** The ops caller, if the header names one. */
    Optional<Credential> caller(String authorization) {
        return keys.authenticate(authorization).filter(Credential::ops);
    }

    /** 401 for an unknown key, 403 for a known key without ops. */
    HttpAnswer denial(String authorization) {
        return keys.authenticate(authorization).isEmpty() ? Problems.unauthorized()
                : Problems.forbidden("the ops API needs a credential with \"ops\": true");
    }

    /** A JSON answer as {@code caller} may see it: without health data unless its role allows. */
    static HttpAnswer json(Credential caller, int status, JsonNode body) {
        return HttpAnswer.json(status, caller.maySeeHealthData() ? body : HealthData.without(body));
    }
}

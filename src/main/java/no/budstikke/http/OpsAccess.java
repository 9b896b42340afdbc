package no.budstikke.http;

import java.util.Optional;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.Credential;

/** The one rule for the ops API: a known key whose entry says {@code "ops": true}. */
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
}

package no.budstikke.http;

import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.Credential;

/**
 * Who may read what on the management port. The two probes (liveness and readiness) are open, so
 * a kubelet or a load balancer needs no key, but without a key they say only UP or DOWN. Everything
 * else there (the health checks with their details, the metrics) needs a key whose entry has
 * {@code "ops": true} or the role {@code "metrics"}.
 */
public final class ManagementAccess {

    public static final String LIVE = "/observe/health/live";
    public static final String READY = "/observe/health/ready";

    /** What to do with one request. */
    public enum Decision {
        /** A key that may read the management port: Camel answers, with every detail. */
        PASS,
        /** No such key, on a probe: the hub answers liveness with its status alone. */
        LIVENESS_STATUS,
        /** No such key, on a probe: the hub answers readiness with its status alone. */
        READINESS_STATUS,
        /** 401: no key or an unknown one. */
        UNAUTHORIZED,
        /** 403: a known key without the right. */
        FORBIDDEN
    }

    private final ApiKeys keys;

    public ManagementAccess(ApiKeys keys) {
        this.keys = keys;
    }

    /**
     * @param path          the request's path as received, before any normalisation: only the two
     *                      exact probe paths are open, so a path that only normalises to one is not
     * @param authorization the Authorization header, or null
     */
    public Decision decide(String path, String authorization) {
        var caller = keys.authenticate(authorization);
        if (caller.filter(Credential::mayReadManagement).isPresent()) return Decision.PASS;
        if (LIVE.equals(path)) return Decision.LIVENESS_STATUS;
        if (READY.equals(path)) return Decision.READINESS_STATUS;
        return caller.isEmpty() ? Decision.UNAUTHORIZED : Decision.FORBIDDEN;
    }

    /** The answer to a refused request: the problem and nothing of what the port holds. */
    public static HttpAnswer refusal(Decision decision) {
        return decision == Decision.UNAUTHORIZED ? Problems.unauthorized()
                : Problems.forbidden("the management port needs a credential with \"ops\": true or the role \""
                        + Credential.METRICS + "\"");
    }

    /** A probe's answer without a key: the status alone, 200 when up and 503 when down, as Camel answers it. */
    public static HttpAnswer status(boolean up) {
        return HttpAnswer.json(up ? 200 : 503, java.util.Map.of("status", up ? "UP" : "DOWN"));
    }
}

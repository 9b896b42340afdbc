package no.budstikke.console.oidc;

import java.net.URI;

/**
 * A begun login: where to send the browser (303 to {@code redirectTo}), and what the console keeps
 * until the callback, found again by {@code pending.state()}.
 */
public record AuthorizationRequest(URI redirectTo, PendingLogin pending) {

    @Override
    public String toString() {
        return "AuthorizationRequest[" + pending + "]";
    }
}

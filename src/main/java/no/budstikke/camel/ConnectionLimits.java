package no.budstikke.camel;

import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;

/**
 * How long a client may take to send a request's headers, how long a connection may sit idle,
 * and how many connections one client address may hold open, on both HTTP ports.
 */
public record ConnectionLimits(int headerTimeoutMs, int idleTimeoutMs, int maxConnectionsPerClient) {

    static final String HEADER_TIMEOUT = "budstikke.http.header-timeout-ms";
    static final String IDLE_TIMEOUT = "budstikke.http.idle-timeout-ms";
    static final String MAX_PER_CLIENT = "budstikke.http.max-connections-per-client";

    public static ConnectionLimits from(HubSettings settings) {
        return new ConnectionLimits(positive(settings, HEADER_TIMEOUT, 10_000), positive(settings, IDLE_TIMEOUT, 60_000),
                positive(settings, MAX_PER_CLIENT, 32));
    }

    private static int positive(HubSettings settings, String key, int fallback) {
        int value = settings.integer(key, fallback);
        if (value < 1) throw new ConfigException("setting '" + key + "' must be a whole number of at least 1, got '" + value + "'");
        return value;
    }
}

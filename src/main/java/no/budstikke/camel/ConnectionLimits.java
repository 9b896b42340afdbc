package no.budstikke.camel;

import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * How long a client may take to send a request's headers, how long a connection may sit idle,
 * and how many connections one client address may hold open, on both HTTP ports.
 */
public record ConnectionLimits(int headerTimeoutMs, int idleTimeoutMs, int maxConnectionsPerClient) {

    static final Setting<Integer> HEADER_TIMEOUT = Setting.wholeNumber("budstikke.http.header-timeout-ms", 10_000);
    static final Setting<Integer> IDLE_TIMEOUT = Setting.wholeNumber("budstikke.http.idle-timeout-ms", 60_000);
    static final Setting<Integer> MAX_PER_CLIENT = Setting.wholeNumber("budstikke.http.max-connections-per-client", 32);

    public static ConnectionLimits from(HubSettings settings) {
        return new ConnectionLimits(positive(settings, HEADER_TIMEOUT), positive(settings, IDLE_TIMEOUT),
                positive(settings, MAX_PER_CLIENT));
    }

    private static int positive(HubSettings settings, Setting<Integer> setting) {
        int value = setting.in(settings);
        if (value < 1) throw new ConfigException("setting '" + setting + "' must be a whole number of at least 1, got '" + value + "'");
        return value;
    }
}

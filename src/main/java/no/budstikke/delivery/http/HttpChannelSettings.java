package no.budstikke.delivery.http;

import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * The timeouts of deliveries to HTTP offices ({@code budstikke.delivery.http.*}), read once at start
 * so a mistyped value stops the start. The HTTP route reads the same settings through its placeholders.
 *
 * @param connectTimeoutMs           to open a connection
 * @param connectionRequestTimeoutMs to get a connection from the pool
 * @param readTimeoutMs              to wait for the office's answer
 */
public record HttpChannelSettings(int connectTimeoutMs, int connectionRequestTimeoutMs, int readTimeoutMs) {

    public static final Setting<Integer> CONNECT_TIMEOUT_MS = Setting.wholeNumber("budstikke.delivery.http.connect-timeout-ms", 5_000);
    public static final Setting<Integer> CONNECTION_REQUEST_TIMEOUT_MS =
            Setting.wholeNumber("budstikke.delivery.http.connection-request-timeout-ms", 5_000);
    public static final Setting<Integer> READ_TIMEOUT_MS = Setting.wholeNumber("budstikke.delivery.http.read-timeout-ms", 30_000);

    public static HttpChannelSettings from(HubSettings settings) {
        return new HttpChannelSettings(positive(CONNECT_TIMEOUT_MS, settings), positive(CONNECTION_REQUEST_TIMEOUT_MS, settings),
                positive(READ_TIMEOUT_MS, settings));
    }

    private static int positive(Setting<Integer> setting, HubSettings settings) {
        int value = setting.in(settings);
        if (value < 1) {
            throw new ConfigException("setting '" + setting.key() + "' must be a whole number of milliseconds above 0, got '" + value + "'");
        }
        return value;
    }
}

package no.budstikke.intake;

import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;

/**
 * How much one input may hold, the same on every way in (HTTP, file drop, DUF queue), checked
 * before the input is parsed: a 50 MB file once grew the embedded database to gigabytes.
 *
 * @param maxBytes       a whole request body, file or queue row
 * @param maxEventBytes  one event; a single string value may be no longer either
 * @param maxBatchEvents the events in one batch
 */
public record IntakeLimits(long maxBytes, int maxEventBytes, int maxBatchEvents) {

    public static final String MAX_BYTES = "budstikke.intake.max-bytes";
    public static final String MAX_EVENT_BYTES = "budstikke.intake.max-event-bytes";
    public static final String MAX_BATCH_EVENTS = "budstikke.intake.max-batch-events";

    public static final IntakeLimits DEFAULTS = new IntakeLimits(1024 * 1024, 64 * 1024, 1000);

    public IntakeLimits {
        if (maxBytes < 1 || maxEventBytes < 1 || maxBatchEvents < 1) {
            throw new IllegalArgumentException("every limit must be at least 1");
        }
    }

    public static IntakeLimits from(HubSettings settings) {
        // A plain number: the HTTP server (camel.server.maxBodySize) reads the same setting.
        long maxBytes = settings.integer(MAX_BYTES, (int) DEFAULTS.maxBytes());
        long maxEventBytes = settings.bytes(MAX_EVENT_BYTES, DEFAULTS.maxEventBytes());
        int maxBatchEvents = settings.integer(MAX_BATCH_EVENTS, DEFAULTS.maxBatchEvents());
        if (maxBytes < 1) throw new ConfigException("setting '" + MAX_BYTES + "' must be at least 1 byte, got " + maxBytes);
        if (maxEventBytes < 1) {
            throw new ConfigException("setting '" + MAX_EVENT_BYTES + "' must be at least 1 byte, got " + maxEventBytes);
        }
        if (maxBatchEvents < 1) {
            throw new ConfigException("setting '" + MAX_BATCH_EVENTS + "' must be a whole number of at least 1, got " + maxBatchEvents);
        }
        // No event is larger than the body that carries it.
        return new IntakeLimits(maxBytes, (int) Math.min(maxEventBytes, maxBytes), maxBatchEvents);
    }
}

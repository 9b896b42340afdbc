package no.budstikke.intake;

import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * How much one input may hold, the same on every way in (HTTP, file drop, DUF queue), checked
 * before the input is parsed: a 50 MB file once grew the embedded database to gigabytes.
 *
 * @param maxBytes       a whole request body, file or queue row
 * @param maxEventBytes  one event; a single string value may be no longer either
 * @param maxBatchEvents the events in one batch
 */
public record IntakeLimits(long maxBytes, int maxEventBytes, int maxBatchEvents) {

    /** A plain number: the HTTP server (camel.server.maxBodySize) reads the same setting. */
    public static final Setting<Integer> MAX_BYTES = Setting.wholeNumber("budstikke.intake.max-bytes", 1024 * 1024);
    public static final Setting<Long> MAX_EVENT_BYTES = Setting.size("budstikke.intake.max-event-bytes", 64 * 1024);
    public static final Setting<Integer> MAX_BATCH_EVENTS = Setting.wholeNumber("budstikke.intake.max-batch-events", 1000);

    public static final IntakeLimits DEFAULTS = from(new HubSettings(key -> java.util.Optional.empty()));

    public IntakeLimits {
        if (maxBytes < 1 || maxEventBytes < 1 || maxBatchEvents < 1) {
            throw new IllegalArgumentException("every limit must be at least 1");
        }
    }

    public static IntakeLimits from(HubSettings settings) {
        long maxBytes = MAX_BYTES.in(settings);
        long maxEventBytes = MAX_EVENT_BYTES.in(settings);
        int maxBatchEvents = MAX_BATCH_EVENTS.in(settings);
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

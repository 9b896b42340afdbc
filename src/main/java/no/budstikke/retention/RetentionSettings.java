package no.budstikke.retention;

import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/** The retention purge's batch: rows each of its short transactions blanks or deletes. */
public record RetentionSettings(int batchSize) {

    public static final Setting<Integer> BATCH_SIZE = Setting.wholeNumber("budstikke.retention.batch-size", 200);

    public static RetentionSettings from(HubSettings settings) {
        int batchSize = BATCH_SIZE.in(settings);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new ConfigException("setting " + BATCH_SIZE + ": " + batchSize + " is out of range; expected 1 to 10000");
        }
        return new RetentionSettings(batchSize);
    }
}

package no.budstikke.dispatch.stage;

import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * How many events dispatch decides in one transaction (docs/benchmarks.md, "Dispatch groups"):
 * each commit waits for the disk, so a group pays for one instead of one per event.
 */
public record DispatchSettings(int groupSize) {

    public static final Setting<Integer> GROUP_SIZE = Setting.wholeNumber("budstikke.dispatch.group-size", 50);
    static final int MAX_GROUP_SIZE = 1_000;

    public static DispatchSettings from(HubSettings settings) {
        int size = GROUP_SIZE.in(settings);
        if (size < 1 || size > MAX_GROUP_SIZE) {
            throw new ConfigException("setting " + GROUP_SIZE + ": " + size + " is out of range; expected 1 (one event per"
                    + " transaction) to " + MAX_GROUP_SIZE + " events");
        }
        return new DispatchSettings(size);
    }
}

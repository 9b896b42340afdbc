package no.budstikke.reload;

import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/** How often an instance looks for a config version another instance accepted (docs/config-reload.md). */
public record ReloadSettings(int pollMs) {

    public static final Setting<Integer> POLL_MS = Setting.wholeNumber("budstikke.reload.poll-ms", 10_000);

    public static ReloadSettings from(HubSettings settings) {
        int pollMs = POLL_MS.in(settings);
        if (pollMs < 1_000 || pollMs > 3_600_000) {
            throw new ConfigException("setting " + POLL_MS + ": " + pollMs + " is out of range; expected 1000 to 3600000 (ms)");
        }
        return new ReloadSettings(pollMs);
    }
}

package no.budstikke.startup;

import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/** When a start counts as slow, so that it logs what it spent its time on (docs/deployment.md, "Start-up time"). */
public record StartupSettings(long reportAfterMs) {

    public static final Setting<Integer> REPORT_AFTER_MS = Setting.wholeNumber("budstikke.startup.report-after-ms", 3_000);

    public static StartupSettings from(HubSettings settings) {
        int ms = REPORT_AFTER_MS.in(settings);
        if (ms < 0) {
            throw new ConfigException("setting " + REPORT_AFTER_MS + ": " + ms + " is negative; expected 0 or more (ms; 0 reports every start)");
        }
        return new StartupSettings(ms);
    }
}

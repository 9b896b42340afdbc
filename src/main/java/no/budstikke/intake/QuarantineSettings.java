package no.budstikke.intake;

import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * What the quarantine keeps of rejected inputs ({@code budstikke.quarantine.*}).
 *
 * @param rawCap                bytes kept of each rejected input
 * @param maxPerSenderPerMinute rejected inputs one sender may put in quarantine per minute ({@link QuarantineBudget})
 */
public record QuarantineSettings(int rawCap, int maxPerSenderPerMinute) {

    public static final Setting<Long> RAW_CAP = Setting.size("budstikke.quarantine.raw-cap", 256 * 1024);
    public static final Setting<Integer> MAX_PER_SENDER_PER_MINUTE =
            Setting.wholeNumber("budstikke.quarantine.max-per-sender-per-minute", 60);

    public static QuarantineSettings from(HubSettings settings) {
        int perMinute = MAX_PER_SENDER_PER_MINUTE.in(settings);
        if (perMinute < 1) {
            throw new ConfigException("setting '" + MAX_PER_SENDER_PER_MINUTE + "' must be a whole number of at least 1, got " + perMinute);
        }
        return new QuarantineSettings((int) (long) RAW_CAP.in(settings), perMinute);
    }
}

package no.budstikke.alert;

import java.util.Optional;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * Ops' mailbox ({@value #KEY}): where each new alert is mailed, and where a deadline escalates
 * unless it names a mailbox setting of its own. Unset: alerts show on the ops API only.
 */
public record OpsMailbox(Optional<String> address) {

    public static final String KEY = "budstikke.ops.mailbox";
    public static final Setting<String> SETTING = Setting.text(KEY);

    public static OpsMailbox from(HubSettings settings) {
        return new OpsMailbox(SETTING.given(settings));
    }

    /** Whether {@code settingName} (a deadline's escalateTo) is the ops mailbox's own setting. */
    public static boolean isOpsSetting(String settingName) {
        return KEY.equals(settingName);
    }
}

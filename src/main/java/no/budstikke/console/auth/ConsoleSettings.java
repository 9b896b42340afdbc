package no.budstikke.console.auth;

import java.nio.file.Path;
import java.time.Duration;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubFolders;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * The console's settings.
 *
 * @param usersFile     the local users file (console-users.json in the config folder unless set)
 * @param sessions      when a session ends
 * @param loginFailures failed logins for one name before it is locked out for {@code loginWindow}
 * @param maxFormBytes  the largest form a console POST may carry
 */
public record ConsoleSettings(Path usersFile, SessionPolicy sessions, int loginFailures, Duration loginWindow, int maxFormBytes) {

    /** Default: console-users.json in the config folder. */
    public static final Setting<String> USERS_FILE = Setting.text("budstikke.console.users-file");
    public static final Setting<Integer> IDLE_MINUTES = Setting.wholeNumber("budstikke.console.idle-minutes", 30);
    public static final Setting<Integer> LIFETIME_HOURS = Setting.wholeNumber("budstikke.console.lifetime-hours", 12);
    public static final Setting<Integer> LOGIN_FAILURES = Setting.wholeNumber("budstikke.console.login-failures", 5);
    public static final Setting<Integer> LOGIN_WINDOW_MINUTES = Setting.wholeNumber("budstikke.console.login-window-minutes", 15);
    public static final Setting<Integer> MAX_FORM_BYTES = Setting.wholeNumber("budstikke.console.max-form-bytes", 16_384);

    public static ConsoleSettings from(HubSettings settings) {
        Path configDir = HubFolders.from(settings).configDir();
        Path users = USERS_FILE.given(settings).map(Path::of).orElse(configDir.resolve("console-users.json"));
        return new ConsoleSettings(users,
                new SessionPolicy(Duration.ofMinutes(within(IDLE_MINUTES, settings, 1, 24 * 60)),
                        Duration.ofHours(within(LIFETIME_HOURS, settings, 1, 7 * 24))),
                within(LOGIN_FAILURES, settings, 1, 1000), Duration.ofMinutes(within(LOGIN_WINDOW_MINUTES, settings, 1, 24 * 60)),
                within(MAX_FORM_BYTES, settings, 1024, 1 << 20));
    }

    private static int within(Setting<Integer> setting, HubSettings settings, int min, int max) {
        int value = setting.in(settings);
        if (value < min || value > max) {
            throw new ConfigException("setting '" + setting.key() + "' must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }
}

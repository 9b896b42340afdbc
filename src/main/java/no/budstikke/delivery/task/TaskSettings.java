package no.budstikke.delivery.task;

import java.time.Duration;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/** Duties staff do by hand: when a task is due whose routing rule names no due time. */
public record TaskSettings(Duration defaultDue) {

    public static final Setting<Integer> DEFAULT_DUE_MINUTES = Setting.wholeNumber("budstikke.tasks.default-due-minutes", 24 * 60);

    public static TaskSettings from(HubSettings settings) {
        return new TaskSettings(Duration.ofMinutes(DEFAULT_DUE_MINUTES.in(settings)));
    }
}

package no.budstikke.startup;

import no.budstikke.config.GivenSettings;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;
import no.budstikke.dispatch.config.Problems;
import no.budstikke.model.Source;

/**
 * The log format switch, {@code budstikke.log.format}: {@code text} or {@code json}. logback.xml
 * reads it when logging starts, before the hub reads application.properties, so it takes effect
 * only as a system property or the environment variable BUDSTIKKE_LOG_FORMAT. A mistyped value
 * would leave logback without an appender and the hub silent, so it stops the start instead.
 */
public final class LogFormat {

    public static final String KEY = "budstikke.log.format";
    /** logback.xml writes the same default, since it reads the switch before this class exists. */
    static final Setting<String> FORMAT = Setting.text(KEY, "text");

    private LogFormat() {
    }

    /** Adds what is wrong with the switch to {@code problems}. */
    public static void check(HubSettings settings, GivenSettings given, Problems problems) {
        Source where = given.whereOf(KEY).orElse(null);
        if (where == null) return;
        String expected = "'text' or 'json', as the environment variable BUDSTIKKE_LOG_FORMAT or the system property -D" + KEY;
        if (!where.file().equals(GivenSettings.ENVIRONMENT) && !where.file().equals(GivenSettings.SYSTEM_PROPERTIES)) {
            problems.add(where, KEY + " given here has no effect: logging starts before this is read", expected);
            return;
        }
        String value = FORMAT.in(settings);
        if (!value.equals("text") && !value.equals("json")) {
            problems.add(where, KEY + " is '" + value + "'", expected);
        }
    }
}

package no.budstikke.startup;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.budstikke.auth.ApiKeys;
import no.budstikke.config.ConfigException;
import no.budstikke.config.GivenSettings;
import no.budstikke.config.HubSettings;
import no.budstikke.config.KnownSettings;
import no.budstikke.dispatch.config.Problems;
import no.budstikke.dispatch.config.Suggest;
import no.budstikke.model.Source;

/**
 * Checks the hub's settings as a whole before anything starts: every given {@code budstikke.*}
 * key is one the hub knows, every value has the form its setting needs, and the production
 * profile's refusals. Each problem names where the setting was given.
 */
public final class SettingsCheck {

    /** {@code env:NAME}, as in {@code {{env:NAME}}} or {@code bearer env:NAME}: a variable read as a secret, not a setting. */
    private static final Pattern ENV_REFERENCE = Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]*)");
    private static final String EXPECTED_KEY = "a setting the hub has; config/application.properties lists them all";

    private SettingsCheck() {
    }

    /** Adds every problem of the settings to {@code problems}. */
    public static void check(GivenSettings given, KnownSettings known, HubSettings settings, ApiKeys keys, Path apiKeysFile,
                             Problems problems) {
        unknownKeys(given, known, problems);
        values(given, known, settings, problems);
        LogFormat.check(settings, given, problems);
        try {
            ProductionGuard.refusals(settings, given, keys, apiKeysFile, problems);
        } catch (ConfigException e) {
            // a profile or flag the guard cannot read: values() has reported it with its place
        }
    }

    static void unknownKeys(GivenSettings given, KnownSettings known, Problems problems) {
        Set<String> secretVariables = new LinkedHashSet<>();
        for (GivenSettings.Given g : given.all()) {
            Matcher m = ENV_REFERENCE.matcher(g.value() == null ? "" : g.value());
            while (m.find()) secretVariables.add(m.group(1));
        }
        for (GivenSettings.Given g : given.all()) {
            if (g.fromEnvironment()) {
                if (known.knownEnvironmentVariable(g.key()) || secretVariables.contains(g.key())) continue;
                problems.add(g.where(), "unknown environment variable " + g.key() + Suggest.didYouMean(g.key(), known.environmentNames()),
                        "the environment form of a setting the hub has (BUDSTIKKE_ and the key in upper case, dots and dashes as"
                                + " underscores), or remove it");
            } else if (!known.known(g.key())) {
                problems.add(g.where(), "unknown setting '" + g.key() + "'" + Suggest.didYouMean(g.key(), known.names()), EXPECTED_KEY);
            }
        }
    }

    /** Parses each set value with the parser its kind has, so a bad number is found now, not when a route first polls. */
    static void values(GivenSettings given, KnownSettings known, HubSettings settings, Problems problems) {
        Set<String> keys = new LinkedHashSet<>();
        known.names().stream().filter(k -> !k.endsWith("<name>")).forEach(keys::add);
        given.all().stream().filter(g -> !g.fromEnvironment() && known.known(g.key())).forEach(g -> keys.add(g.key()));
        for (String key : keys) {
            KnownSettings.Kind kind = known.kind(key).orElseThrow();
            try {
                switch (kind) {
                    case WHOLE_NUMBER -> settings.integer(key, 0);
                    case NUMBER -> settings.decimal(key, 0);
                    case FLAG -> settings.flag(key, false);
                    case SIZE -> settings.bytes(key, 0);
                    case PROFILE -> settings.profile();
                    case TEXT -> settings.optional(key);
                }
            } catch (ConfigException e) {
                problems.add(given.whereOf(key).orElse(new Source("settings", key, 0)), e);
            } catch (IllegalArgumentException e) {
                // camel-main's placeholders: {{env:NAME}} without the variable, {{other.key}} that is not set
                problems.add(given.whereOf(key).orElse(new Source("settings", key, 0)),
                        "the value of '" + key + "' cannot be resolved (" + e.getMessage() + ")",
                        "every {{...}} in it to name a set setting or environment variable");
            }
        }
    }
}

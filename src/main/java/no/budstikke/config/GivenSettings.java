package no.budstikke.config;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import no.budstikke.model.Source;

/**
 * The {@code budstikke.*} settings given to the hub, each with where it was given: the line of
 * application.properties, a system property, an environment variable ({@code BUDSTIKKE_*}) or a
 * setting given at start by the program that embeds the hub. Errors then point at the very line.
 */
public final class GivenSettings {

    /** One given setting: the key (for an environment variable, its name) and where it was given. */
    public record Given(String key, Source where, String value) {
        public boolean fromEnvironment() {
            return where.file().equals(ENVIRONMENT);
        }
    }

    /** Where a setting was given, as its {@link Source#file()} names it, when not in a file. */
    public static final String ENVIRONMENT = "environment";
    public static final String SYSTEM_PROPERTIES = "system properties";
    static final String AT_START = "settings given at start";

    private final List<Given> all;

    private GivenSettings(List<Given> all) {
        this.all = List.copyOf(all);
    }

    /**
     * @param propertiesFile application.properties, read line by line so that each key has its line
     * @param systemProperties the JVM's system properties
     * @param environment      the process environment
     * @param atStart          override properties given at start (tests, an embedding program)
     * @throws ConfigException when the properties file cannot be read
     */
    public static GivenSettings read(Path propertiesFile, Map<?, ?> systemProperties, Map<String, String> environment,
                                     Map<?, ?> atStart) {
        List<Given> all = new ArrayList<>(fromFile(propertiesFile));
        systemProperties.forEach((k, v) -> {
            if (String.valueOf(k).startsWith(KnownSettings.PREFIX)) {
                all.add(new Given(String.valueOf(k), new Source(SYSTEM_PROPERTIES, String.valueOf(k), 0), String.valueOf(v)));
            }
        });
        environment.forEach((k, v) -> {
            if (k.startsWith(KnownSettings.ENV_PREFIX)) all.add(new Given(k, new Source(ENVIRONMENT, k, 0), v));
        });
        atStart.forEach((k, v) -> {
            if (String.valueOf(k).startsWith(KnownSettings.PREFIX)) {
                all.add(new Given(String.valueOf(k), new Source(AT_START, String.valueOf(k), 0), String.valueOf(v)));
            }
        });
        return new GivenSettings(all);
    }

    public List<Given> all() {
        return all;
    }

    /** Where the key's value comes from, the most specific place first (given at start, system property, environment, file). */
    public Optional<Source> whereOf(String key) {
        String env = KnownSettings.environmentForm(key);
        for (String place : List.of(AT_START, SYSTEM_PROPERTIES, ENVIRONMENT)) {
            for (Given g : all) {
                if (g.where().file().equals(place) && g.key().equals(place.equals(ENVIRONMENT) ? env : key)) return Optional.of(g.where());
            }
        }
        Source last = null;
        for (Given g : all) {
            // the file's last line for a key wins, as java.util.Properties reads it
            if (!g.fromEnvironment() && g.where().line() > 0 && g.key().equals(key)) last = g.where();
        }
        return Optional.ofNullable(last);
    }

    private static List<Given> fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName()
                    + "); expected the hub's settings file, in the folder set by budstikke.config.dir or BUDSTIKKE_CONFIG_DIR");
        }
        List<Given> given = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int first = i;
            StringBuilder logical = new StringBuilder(lines.get(i));
            // a line ending in an odd number of backslashes continues on the next
            while (continues(logical) && i + 1 < lines.size()) {
                logical.setLength(logical.length() - 1);
                logical.append(lines.get(++i).stripLeading());
            }
            String text = logical.toString().stripLeading();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) continue;
            Properties one = new Properties();
            try {
                one.load(new StringReader(text));
            } catch (IOException | IllegalArgumentException e) {
                continue; // java.util.Properties, which camel-main uses, would refuse the file too
            }
            for (String key : one.stringPropertyNames()) {
                if (key.startsWith(KnownSettings.PREFIX)) {
                    given.add(new Given(key, new Source(file.toString(), key, first + 1), one.getProperty(key)));
                }
            }
        }
        return given;
    }

    private static boolean continues(CharSequence line) {
        int slashes = 0;
        for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) slashes++;
        return slashes % 2 == 1;
    }
}

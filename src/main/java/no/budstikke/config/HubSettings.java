package no.budstikke.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The hub's own settings ({@code budstikke.*}), read through one lookup function so that the
 * same code serves camel-main's property placeholders (with system property and environment
 * overrides) and plain unit tests.
 */
public final class HubSettings {

    public static final String SANDBOX = "budstikke.delivery.sandbox";

    private final Function<String, Optional<String>> lookup;
    private final Supplier<Set<String>> names;

    public HubSettings(Function<String, Optional<String>> lookup) {
        this(lookup, Set::of);
    }

    /** @param names the names of the settings in the properties files, for settings keyed by a name of ops' choosing */
    public HubSettings(Function<String, Optional<String>> lookup, Supplier<Set<String>> names) {
        this.lookup = lookup;
        this.names = names;
    }

    /** These settings with {@code key} set to {@code value}, whatever else gives it. */
    public HubSettings with(String key, String value) {
        return new HubSettings(k -> k.equals(key) ? Optional.of(value) : lookup.apply(k), names);
    }

    /** The part after {@code prefix} of every setting named {@code prefix<name>}, sorted. */
    public SortedSet<String> namesAfter(String prefix) {
        SortedSet<String> found = new TreeSet<>();
        for (String n : names.get()) {
            if (n.startsWith(prefix) && n.length() > prefix.length()) found.add(n.substring(prefix.length()));
        }
        return found;
    }

    public Optional<String> optional(String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new ConfigException("setting '" + key + "' is required but not set"));
    }

    public String string(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public long bytes(String key, long fallback) {
        return optional(key).map(v -> ByteSize.parse(key, v)).orElse(fallback);
    }

    public int integer(String key, int fallback) {
        return optional(key).map(v -> parseInt(key, v)).orElse(fallback);
    }

    public double decimal(String key, double fallback) {
        return optional(key).map(v -> parseDecimal(key, v)).orElse(fallback);
    }

    public boolean flag(String key, boolean fallback) {
        return optional(key).map(v -> parseFlag(key, v)).orElse(fallback);
    }

    public Path path(String key, String fallback) {
        return Path.of(string(key, fallback));
    }

    public Profile profile() {
        return Profile.parse(string("budstikke.profile", "embedded"));
    }

    /**
     * Whether notices go to the local sandbox instead of being delivered: on unless the production
     * profile is chosen, so that only an explicit choice sends real mail.
     */
    public boolean sandbox() {
        return flag(SANDBOX, profile() != Profile.PRODUCTION);
    }

    static double parseDecimal(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' must be a number such as 0.2, got '" + value + "'");
        }
    }

    static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' must be a whole number, got '" + value + "'");
        }
    }

    static boolean parseFlag(String key, String value) {
        if (value.equalsIgnoreCase("true")) return true;
        if (value.equalsIgnoreCase("false")) return false;
        throw new ConfigException("setting '" + key + "' must be true or false, got '" + value + "'");
    }
}

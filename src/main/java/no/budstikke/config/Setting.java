package no.budstikke.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code budstikke.*} setting: its key, how its text is read, and its default, written here
 * and nowhere else. Each area's settings record declares its settings as constants and reads
 * them once at start; SettingDefaultsTest checks that config/application.properties shows the
 * same defaults.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    /** Reads a setting's text; throws {@link ConfigException} naming the key and what is expected. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String key, String text);
    }

    private final String key;
    private final KnownSettings.Kind kind;
    private final Parser<T> parser;
    private final T fallback;

    private Setting(String key, KnownSettings.Kind kind, Parser<T> parser, T fallback) {
        this.key = key;
        this.kind = kind;
        this.parser = parser;
        this.fallback = fallback;
    }

    public static Setting<Integer> wholeNumber(String key, int fallback) {
        return new Setting<>(key, KnownSettings.Kind.WHOLE_NUMBER, HubSettings::parseInt, fallback);
    }

    public static Setting<Long> size(String key, long fallback) {
        return new Setting<>(key, KnownSettings.Kind.SIZE, ByteSize::parse, fallback);
    }

    public static Setting<Double> number(String key, double fallback) {
        return new Setting<>(key, KnownSettings.Kind.NUMBER, HubSettings::parseDecimal, fallback);
    }

    public static Setting<Boolean> flag(String key, boolean fallback) {
        return new Setting<>(key, KnownSettings.Kind.FLAG, HubSettings::parseFlag, fallback);
    }

    public static Setting<String> text(String key, String fallback) {
        return new Setting<>(key, KnownSettings.Kind.TEXT, (k, v) -> v, Objects.requireNonNull(fallback));
    }

    /** A text setting without a default: optional, required, or with a default made from other settings. */
    public static Setting<String> text(String key) {
        return new Setting<>(key, KnownSettings.Kind.TEXT, (k, v) -> v, null);
    }

    public String key() {
        return key;
    }

    /** The kind {@link KnownSettings} declares the key with, and checks given values against at start. */
    public KnownSettings.Kind kind() {
        return kind;
    }

    /** The default, or empty for a setting that has none. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(fallback);
    }

    /** Reads {@code text} as this setting's value. */
    public T parse(String text) {
        return parser.parse(key, text.trim());
    }

    /** The value given in {@code settings} (blank counts as not given). */
    public Optional<T> given(HubSettings settings) {
        return settings.optional(key).map(this::parse);
    }

    /**
     * The value given, else the default.
     *
     * @throws ConfigException when the value cannot be read, or the setting has no default and is not given
     */
    public T in(HubSettings settings) {
        return given(settings).or(this::defaultValue)
                .orElseThrow(() -> new ConfigException("setting '" + key + "' is required but not set"));
    }

    @Override
    public String toString() {
        return key;
    }

    /**
     * The value of a whole-number setting; when it is not a number from {@code min} to {@code max},
     * the problem is added to {@code problems} and the default returned, so that every problem of a
     * group of settings is reported at once.
     */
    public static int within(HubSettings settings, Setting<Integer> setting, int min, int max, List<String> problems) {
        try {
            int v = setting.in(settings);
            if (v < min || v > max) problems.add("setting '" + setting + "' must lie between " + min + " and " + max + ", got " + v);
            return v;
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            return setting.defaultValue().orElseThrow();
        }
    }

    /** As {@link #within} for a size in bytes, which must lie between 1KiB and 10MiB. */
    public static long sizeWithin(HubSettings settings, Setting<Long> setting, List<String> problems) {
        try {
            long v = setting.in(settings);
            if (v < 1024 || v > 10 * 1024 * 1024) problems.add("setting '" + setting + "' must lie between 1KiB and 10MiB");
            return v;
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            return setting.defaultValue().orElseThrow();
        }
    }
}

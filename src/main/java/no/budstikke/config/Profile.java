package no.budstikke.config;

/**
 * {@code embedded} is the one-command local default; {@code production} adds start-up refusals
 * for settings that are only safe on a developer's machine.
 */
public enum Profile {
    EMBEDDED, PRODUCTION;

    static Profile parse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "embedded" -> EMBEDDED;
            case "production" -> PRODUCTION;
            default -> throw new ConfigException("setting 'budstikke.profile' must be 'embedded' or 'production', got '" + value + "'");
        };
    }
}

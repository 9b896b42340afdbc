package no.budstikke.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The hub's settings as camel-main resolves them (application.properties, then system properties
 * and environment variables over it, placeholders such as {@code {{budstikke.config.dir}}}), and
 * where each was given. A start and {@code check} read them through here, so both see the same.
 */
public final class CamelSettings {

    private static final String FILE_PREFIX = "file:";

    private CamelSettings() {
    }

    public static HubSettings settings(PropertiesComponent properties) {
        // The names let a family of settings (one per inbox folder) be listed.
        return new HubSettings(properties::resolveProperty,
                () -> properties.loadProperties(k -> k.startsWith("budstikke.")).stringPropertyNames());
    }

    /**
     * As {@link #settings}, with the secrets given as files ({@link SecretFiles}) read into the
     * properties, for a command that opens what the hub opens.
     */
    public static HubSettings settingsWithSecrets(PropertiesComponent properties) {
        HubSettings settings = settings(properties);
        SecretFiles.read(settings).forEach(properties::addOverrideProperty);
        return settings;
    }

    /** Every budstikke.* key given: in the properties file camel-main loaded, as system property, environment variable or override. */
    public static GivenSettings given(PropertiesComponent properties) {
        Path file = properties.getLocations().stream().filter(l -> l.startsWith(FILE_PREFIX))
                .map(l -> Path.of(l.substring(FILE_PREFIX.length()).split(";", 2)[0])).findFirst()
                .orElseThrow(() -> new IllegalStateException("no application.properties location"));
        Properties overrides = properties instanceof org.apache.camel.component.properties.PropertiesComponent pc
                && pc.getOverrideProperties() != null ? pc.getOverrideProperties() : new Properties();
        return GivenSettings.read(file, System.getProperties(), System.getenv(), Map.copyOf(overrides));
    }

    /** The properties of a hub that would start with this application.properties, without starting anything. */
    public static PropertiesComponent standalone(Path propertiesFile) {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        properties.setLocation(FILE_PREFIX + propertiesFile);
        return properties;
    }

    /** As {@link #standalone(Path)}, with one setting overridden as a start's {@code -D} would not be. */
    public static PropertiesComponent standalone(Path propertiesFile, String key, String value) {
        PropertiesComponent properties = standalone(propertiesFile);
        properties.addOverrideProperty(key, value);
        return properties;
    }
}

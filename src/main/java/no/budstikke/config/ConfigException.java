package no.budstikke.config;

/** Invalid configuration: the message names the setting or file and what is expected. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}

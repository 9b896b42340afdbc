package no.budstikke.config;

import java.io.PrintStream;

/**
 * How configuration errors reach ops at the command line: a plain list, one problem per line with
 * its file, line and pointer, and no stack trace; the process exits with {@link #EX_CONFIG}.
 */
public final class ConfigErrors {

    /** sysexits.h EX_CONFIG: a configuration error, distinct from every other failure. */
    public static final int EX_CONFIG = 78;

    private ConfigErrors() {
    }

    /** The ConfigException in the cause chain, or null: camel-main wraps what the wiring throws. */
    public static ConfigException find(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) return c;
        }
        return null;
    }

    public static void print(String command, ConfigException e, PrintStream err) {
        err.println(command + ": the configuration is invalid; fix every problem below and try again:");
        for (String line : e.getMessage().split("\n")) err.println("  " + line);
    }
}

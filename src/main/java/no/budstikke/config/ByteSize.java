package no.budstikke.config;

import java.util.Locale;

/** Parses sizes such as {@code 1048576}, {@code 512KiB} or {@code 1MiB}. */
final class ByteSize {

    private ByteSize() {
    }

    static long parse(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("kib")) {
            unit = 1024;
        } else if (v.endsWith("mib")) {
            unit = 1024 * 1024;
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 3).trim();
        try {
            long n = Long.parseLong(digits);
            if (n < 0) throw new NumberFormatException();
            return n * unit;
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' must be a size such as 1048576, 512KiB or 1MiB, got '" + value + "'");
        }
    }
}

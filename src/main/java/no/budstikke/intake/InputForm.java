package no.budstikke.intake;

import java.util.Locale;
import java.util.Optional;

/** What shape of body an input may have, decided by its media type. */
public enum InputForm {
    /** {@code application/cloudevents+json}: exactly one event. */
    SINGLE,
    /** {@code application/cloudevents-batch+json}: a JSON array of events. */
    BATCH,
    /** {@code application/json}, and files: one event or an array of events. */
    EITHER;

    /** Empty for a media type (or charset) the hub does not accept. */
    public static Optional<InputForm> ofMediaType(String contentType) {
        if (contentType == null) return Optional.empty();
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset")
                    && !(param.length == 2 && unquote(param[1]).equalsIgnoreCase("utf-8"))) {
                return Optional.empty();
            }
        }
        return switch (parts[0].trim().toLowerCase(Locale.ROOT)) {
            case "application/cloudevents+json" -> Optional.of(SINGLE);
            case "application/cloudevents-batch+json" -> Optional.of(BATCH);
            case "application/json" -> Optional.of(EITHER);
            default -> Optional.empty();
        };
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}

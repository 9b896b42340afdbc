package no.budstikke.model;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as the hub writes them: RFC 3339, always with seconds. OffsetDateTime.toString()
 * leaves out zero seconds ("21:15+01:00"), which RFC 3339 readers refuse.
 */
public final class Rfc3339 {

    private Rfc3339() {
    }

    public static String format(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }
}

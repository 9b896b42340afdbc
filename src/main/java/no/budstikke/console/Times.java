package no.budstikke.console;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as people in Norway read them. */
final class Times {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private Times() {
    }

    static String shown(OffsetDateTime time) {
        return time == null ? "–" : time.atZoneSameInstant(OSLO).format(SHOWN);
    }
}

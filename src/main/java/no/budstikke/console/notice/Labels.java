package no.budstikke.console.notice;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import no.budstikke.model.Priority;
import no.budstikke.store.NoticeStatus;

/** The notice and deadline pages' words and times, in Bokmål and Norwegian time. */
final class Labels {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy 'kl.' HH:mm");

    private Labels() {
    }

    static String time(OffsetDateTime t) {
        return t == null ? "–" : t.atZoneSameInstant(OSLO).format(SHOWN);
    }

    /** A span as people say it: "2 d 3 t", "3 t 20 min", "5 min". */
    static String span(Duration d) {
        if (d == null) return "–";
        long minutes = Math.max(0, d.toMinutes());
        if (minutes >= 24 * 60) return minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " t";
        if (minutes >= 60) return minutes / 60 + " t " + minutes % 60 + " min";
        return minutes + " min";
    }

    static String status(NoticeStatus s) {
        return switch (s) {
            case CREATED -> "Venter på sending";
            case SENDING -> "Sendes";
            case DELIVERED -> "Levert";
            case FAILED -> "Feilet, prøves igjen";
            case DEAD -> "Ikke levert (stoppet)";
            case CANCELLED -> "Avbrutt";
        };
    }

    static String priority(String stored) {
        for (Priority p : Priority.values()) {
            if (p.name().equals(stored)) return priority(p);
        }
        return stored;
    }

    static String priority(Priority p) {
        return switch (p) {
            case URGENT -> "Haster";
            case HIGH -> "Høy";
            case NORMAL -> "Normal";
        };
    }

    /** An attempt's outcome ({@code delivery_attempt.outcome}). */
    static String outcome(String stored) {
        return switch (stored) {
            case "DELIVERED" -> "levert";
            case "RETRY" -> "feilet, prøves igjen";
            case "DEAD" -> "feilet, stoppet";
            default -> stored;
        };
    }

    /** An ops action ({@code notice_action.action}). */
    static String action(String stored) {
        return switch (stored) {
            case "REPLAY" -> "Sendt på nytt";
            case "CANCEL" -> "Avbrutt";
            case "ACKNOWLEDGE" -> "Oppgaven kvittert ut";
            default -> stored;
        };
    }
}

package no.budstikke.delivery.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import no.budstikke.model.Priority;

/**
 * How values read in a Norwegian (bokmål) mail: dates as 20.11.2026, times in Norwegian time, yes
 * and no, the contract's codes in words. The JSON attachment keeps the exact values.
 */
final class Bokmal {

    static final String ABSENT = "(ikke oppgitt)";
    private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy 'kl.' HH:mm");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");
    // A value stays on its template line: a line break in a name could forge a line of its own
    // (a fake "Rettslig grunnlag: …"). Every line break and other control character becomes a space.
    private static final Pattern LINE_BREAK_OR_CONTROL = Pattern.compile("\r\n|[\\p{Cntrl}\u0080-\u009f\u2028\u2029]");
    // Invisible characters that turn the reading direction or hide text (Trojan Source): removed.
    private static final Pattern BIDI_OR_ZERO_WIDTH = Pattern.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]");

    /** The contract's codes, by field name, in words. Codes not listed are printed as they are. */
    private static final Map<String, Map<String, String>> CODES = Map.of(
            "asylumStage", Map.of("registered", "registrert", "awaiting_interview", "venter på asylintervju",
                    "interviewed", "asylintervju er holdt", "dublin", "Dublin-prosedyre", "decided", "vedtak er fattet",
                    "final_rejection", "endelig avslag"),
            "kind", Map.of("transit", "transittmottak", "ordinary", "ordinært mottak", "minors", "mottak for enslige mindreårige",
                    "asylum_interview", "asylintervju", "age_assessment", "aldersundersøkelse"),
            "gender", Map.of("female", "kvinne", "male", "mann", "other", "annet", "unknown", "ukjent"),
            "decision", Map.of("residence_permit_settlement", "oppholdstillatelse som gir grunnlag for bosetting",
                    "final_rejection", "endelig avslag", "dublin_transfer", "overføring etter Dublin-forordningen",
                    "other", "annet vedtak", "granted", "innvilget", "refused", "avslått"),
            "schooling", Map.of("primary", "barneskole", "lower_secondary", "ungdomsskole", "upper_secondary", "videregående skole",
                    "adult_education", "voksenopplæring", "none", "ingen"));

    /** The derived checks of a leave application (LeaveChecks), and the fallback marker (Dispatcher), explained. */
    private static final Map<String, String> FLAGS = Map.of(
            "FALLBACK_RECIPIENT", "Meldingen går til dere fordi rett mottaker ikke kunne finnes i katalogen. Driften er varslet.",
            "LEAVE_ABROAD", "Søknaden gjelder permisjon til utlandet. Slik permisjon gis ikke.",
            "CONTACT_PERSON_UNDER_25", "En kontaktperson er under 25 år. Søknaden kan da ikke innvilges.",
            "RESIDENT_IN_TRANSIT", "Beboeren bor i transittmottak.",
            "DUBLIN_CASE", "Saken behandles etter Dublin-prosedyren.",
            "FINALLY_REJECTED", "Beboeren har fått endelig avslag.",
            "CENTRE_CHECKS_INCOMPLETE", "Mottakets kontroller er ikke fullstendige.");

    private Bokmal() {
    }

    /** The word for a priority in the body. */
    static String priority(Priority p) {
        return switch (p) {
            case URGENT -> "haster";
            case HIGH -> "høy";
            case NORMAL -> "normal";
        };
    }

    /** The subject's marker for a priority: [HASTER], [HØY], or nothing for NORMAL. */
    static String subjectMarker(Priority p) {
        return switch (p) {
            case URGENT -> "[HASTER] ";
            case HIGH -> "[HØY] ";
            case NORMAL -> "";
        };
    }

    static String flags(JsonNode flags) {
        List<String> lines = new ArrayList<>();
        for (JsonNode f : flags) {
            String code = f.asText();
            lines.add("- " + FLAGS.getOrDefault(code, clean(code)) + " (" + clean(code) + ")");
        }
        return lines.isEmpty() ? "(ingen)" : String.join("\n", lines);
    }

    /** A value as text; {@code field} is the name it has in the contract, for codes. */
    static String value(String field, JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) return ABSENT;
        if (node.isBoolean()) return node.booleanValue() ? "ja" : "nei";
        if (node.isNumber()) return node.asText();
        if (node.isTextual()) return text(field, node.textValue());
        List<String> parts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> parts.add(value(field, item)));
            return parts.isEmpty() ? ABSENT : String.join(node.path(0).isContainerNode() ? "; " : ", ", parts);
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) parts.add(value(e.getKey(), e.getValue()));
        });
        return parts.isEmpty() ? ABSENT : String.join(", ", parts);
    }

    static String dateTime(String iso) {
        try {
            return OffsetDateTime.parse(iso).atZoneSameInstant(NORWAY).format(DATE_TIME);
        } catch (DateTimeParseException e) {
            return clean(iso);
        }
    }

    private static String text(String field, String text) {
        String code = CODES.getOrDefault(field, Map.of()).get(text);
        if (code != null) return code;
        if (ISO_DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text).format(DATE);
            } catch (DateTimeParseException e) {
                return clean(text);
            }
        }
        if (ISO_DATE_TIME.matcher(text).matches()) return dateTime(text);
        return clean(text);
    }

    /** The value as text on one line, read left to right as written: see the two patterns above. */
    static String clean(String text) {
        return LINE_BREAK_OR_CONTROL.matcher(BIDI_OR_ZERO_WIDTH.matcher(text).replaceAll("")).replaceAll(" ");
    }
}

package no.budstikke.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of DOMAIN.md on a leave application (O15), as flag names for UDI's regional unit,
 * in a fixed order:
 * <ul>
 *   <li>{@code LEAVE_ABROAD}: leave abroad is never allowed;</li>
 *   <li>{@code CONTACT_PERSON_UNDER_25}: a contact person is younger than 25 on the leave's
 *       {@code from} date (ungrantable); 25 exactly on that date is not under 25;</li>
 *   <li>{@code RESIDENT_IN_TRANSIT}, {@code DUBLIN_CASE}, {@code FINALLY_REJECTED};</li>
 *   <li>{@code CENTRE_CHECKS_INCOMPLETE}: some centre check is missing or not the expected value
 *       (conflictsWithProgramme false, the others true).</li>
 * </ul>
 * Unreadable dates never throw: a contact person whose age cannot be established on the
 * {@code from} date is not flagged as under 25 (the contract makes both dates required).
 */
public final class LeaveChecks {

    /** The rule flag that asks for these checks. */
    public static final String RULE_FLAG = "leave-application-checks";

    public static final String LEAVE_ABROAD = "LEAVE_ABROAD";
    public static final String CONTACT_PERSON_UNDER_25 = "CONTACT_PERSON_UNDER_25";
    public static final String RESIDENT_IN_TRANSIT = "RESIDENT_IN_TRANSIT";
    public static final String DUBLIN_CASE = "DUBLIN_CASE";
    public static final String FINALLY_REJECTED = "FINALLY_REJECTED";
    public static final String CENTRE_CHECKS_INCOMPLETE = "CENTRE_CHECKS_INCOMPLETE";

    static final int MINIMUM_CONTACT_AGE = 25;

    /** Each centre check and the value it must have. Declaration order is irrelevant: any miss flags. */
    static final Map<String, Boolean> EXPECTED_CHECKS = Map.of(
            "conflictsWithProgramme", false,
            "minorWantsLeave", true,
            "contactPersonMet", true,
            "idCopied", true,
            "referencesObtained", true);

    public List<String> flags(JsonNode event) {
        JsonNode data = event.path("data");
        List<String> flags = new ArrayList<>();
        if (isTrue(data.path("abroad"))) flags.add(LEAVE_ABROAD);
        if (contactPersonUnder25(data)) flags.add(CONTACT_PERSON_UNDER_25);
        if ("transit".equals(data.path("centre").path("kind").asText(null))) flags.add(RESIDENT_IN_TRANSIT);
        String stage = data.path("caseContext").path("asylumStage").asText(null);
        if ("dublin".equals(stage)) flags.add(DUBLIN_CASE);
        if ("final_rejection".equals(stage)) flags.add(FINALLY_REJECTED);
        if (checksIncomplete(data.path("checks"))) flags.add(CENTRE_CHECKS_INCOMPLETE);
        return List.copyOf(flags);
    }

    private static boolean contactPersonUnder25(JsonNode data) {
        Optional<LocalDate> from = date(data.path("from"));
        if (from.isEmpty()) return false;
        for (JsonNode person : data.path("contactPersons")) {
            Optional<LocalDate> born = date(person.path("birthDate"));
            // negative for someone born after the date, so also under 25
            if (born.isPresent() && Period.between(born.get(), from.get()).getYears() < MINIMUM_CONTACT_AGE) return true;
        }
        return false;
    }

    private static boolean checksIncomplete(JsonNode checks) {
        if (!checks.isObject()) return true;
        for (Map.Entry<String, Boolean> expected : EXPECTED_CHECKS.entrySet()) {
            JsonNode actual = checks.path(expected.getKey());
            if (!actual.isBoolean() || actual.booleanValue() != expected.getValue()) return true;
        }
        return false;
    }

    private static boolean isTrue(JsonNode node) {
        return node.isBoolean() && node.booleanValue();
    }

    private static Optional<LocalDate> date(JsonNode node) {
        if (!node.isTextual()) return Optional.empty();
        try {
            return Optional.of(LocalDate.parse(node.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

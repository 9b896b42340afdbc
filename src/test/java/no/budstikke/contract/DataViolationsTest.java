package no.budstikke.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static no.budstikke.contract.TestEvents.VALIDATOR;
import static no.budstikke.contract.TestEvents.assertOnlyViolation;
import static no.budstikke.contract.TestEvents.example;
import static no.budstikke.contract.TestEvents.minimal;
import static no.budstikke.contract.TestEvents.remove;
import static no.budstikke.contract.TestEvents.set;
import static no.budstikke.contract.TestEvents.setText;
import static org.assertj.core.api.Assertions.assertThat;

class DataViolationsTest {

    @ParameterizedTest
    @CsvSource({
            "missing, /data, person",
            "missing, /data, centre",
            "missing, /data, missingSince",
            "missing, /data, description",
            "missing, /data/person, dufNumber",
            "missing, /data/person, birthDate",
            "missing, /data/person, unaccompaniedMinor",
            "missing, /data/centre, kind",
            "case-decided-final-rejection, /data, person",
            "case-decided-final-rejection, /data, decidedAt",
            "moved-without-clearance, /data/clearances, amotAgreement",
            "moved-without-clearance, /data/hosts/0, phone",
            "leave-applied, /data/destination, postalCode",
            "leave-applied, /data/contactPersons/0, relation",
            "arrived, /data/caseContext/representative, name"
    })
    void missingRequiredFieldIsReportedAtItsParent(String example, String parent, String field) {
        ObjectNode event = remove(example(example), parent + "/" + field);
        assertThat(VALIDATOR.validateEvent(event))
                .containsExactly(new Violation(parent, "required property '" + field + "' is missing"));
    }

    @Test
    void centreIsOptionalOnDufEvents() {
        assertThat(example("case-decided-final-rejection").at("/data").has("centre")).isFalse();
        assertThat(VALIDATOR.validateEvent(example("case-decided-final-rejection"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "missing, /data/person/gender, f, 'must be one of [female, male, other, unknown]'",
            "arrived, /data/schooling, secondary, 'must be one of [primary, lower_secondary, upper_secondary, adult_education, none]'",
            "arrived, /data/centre/kind, camp, 'must be one of [transit, ordinary, minors]'",
            "missing, /data/caseContext/asylumStage, appealed, 'must be one of [registered, awaiting_interview, interviewed, dublin, decided, final_rejection]'",
            "missing, /data/caseContext/appointments/0/kind, doctor, 'must be one of [asylum_interview, age_assessment]'",
            "case-decided-final-rejection, /data/decision, rejected, 'must be one of [residence_permit_settlement, final_rejection, dublin_transfer, other]'"
    })
    void valueOutsideTheEnumIsRejected(String example, String pointer, String value, String expected) {
        assertThat(assertOnlyViolation(setText(example(example), pointer, value), pointer, null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2010-02-30", "2010-13-01", "14.03.2010", "2010-3-14", "2010-03-14T00:00:00Z"})
    void birthDateThatIsNotACalendarDateIsRejected(String date) {
        String message = assertOnlyViolation(setText(example("missing"), "/data/person/birthDate", date),
                "/data/person/birthDate", date);
        assertThat(message).isEqualTo("must be a date YYYY-MM-DD");
    }

    @ParameterizedTest
    @CsvSource({
            "missing, /data/missingSince, 2026-11-20T16:00:00",
            "missing, /data/caseContext/appointments/0/at, 2026-11-24 09:00",
            "returned, /data/returnedAt, 2026-11-22",
            "arrived, /data/arrivedAt, 2026-11-18T25:00:00+01:00"
    })
    void dateTimeWithoutOffsetOrOtherwiseMalformedIsRejected(String example, String pointer, String value) {
        assertThat(assertOnlyViolation(setText(example(example), pointer, value), pointer, value))
                .startsWith("must be an RFC 3339 date-time with offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20191234567", "2019123456789", "20191234567A", "abcdefghijkl", "2019-1234567"})
    void dufNumberThatIsNotTwelveDigitsIsRejected(String dufNumber) {
        String message = assertOnlyViolation(setText(example("missing"), "/data/person/dufNumber", dufNumber),
                "/data/person/dufNumber", dufNumber);
        assertThat(message).isEqualTo("must be 12 digits");
    }

    @ParameterizedTest
    @CsvSource({
            "/data/person/nationalId, 0101101234, must be 11 digits",
            "/data/centre/municipalityNumber, 301, must be 4 digits",
            "/data/person/nationality, Som, must be an ISO 3166-1 alpha-3 country code (3 capital letters)",
            "/data/person/languages/1, ara, must be an ISO 639-1 language code (2 lowercase letters)"
    })
    void codeWithTheWrongShapeIsRejected(String pointer, String value, String expected) {
        assertThat(assertOnlyViolation(setText(example("missing"), pointer, value), pointer, value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-T4", "2026-T0", "2026T3", "26-T1"})
    void tertialPeriodWithTheWrongShapeIsRejected(String period) {
        assertOnlyViolation(setText(minimal("no.udi.duf.amot.tertial-due.v1"), "/data/period", period), "/data/period", period);
    }

    @Test
    void emptyNameIsRejected() {
        assertThat(assertOnlyViolation(setText(example("missing"), "/data/person/givenName", ""), "/data/person/givenName", null))
                .isEqualTo("must not be empty");
    }

    @Test
    void wrongJsonTypeIsRejected() {
        assertThat(assertOnlyViolation(setText(example("missing"), "/data/person/unaccompaniedMinor", "yes"),
                "/data/person/unaccompaniedMinor", "yes")).isEqualTo("must be a boolean");
        assertThat(assertOnlyViolation(set(example("moved-without-clearance"), "/data/hosts", "{}"), "/data/hosts", null))
                .isEqualTo("must be an array");
        assertThat(assertOnlyViolation(set(example("returned"), "/data/person", "\"Amina Hassan\""), "/data/person", "Amina"))
                .isEqualTo("must be an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/data/nickname", "/data/person/middleName", "/data/centre/address",
            "/data/caseContext/school", "/data/caseContext/consents/police", "/data/caseContext/lawyer/fax",
            "/data/caseContext/appointments/0/room"})
    void unknownDataFieldIsRejectedAtThatField(String pointer) {
        String message = assertOnlyViolation(setText(example("missing"), pointer, "Storo 1, Oslo"), pointer, "Storo");
        assertThat(message).isEqualTo("unknown property (not in the contract)");
    }

    @Test
    void fieldOfAnotherTypeIsUnknownData() {
        ObjectNode event = setText(example("returned"), "/data/missingSince", "2026-11-20T16:00:00+01:00");
        assertOnlyViolation(event, "/data/missingSince", null);
    }

    @Test
    void grantedLeaveWithoutReturnByIsRejected() {
        ObjectNode event = setText(minimal("no.udi.mot.leave.decided.v1"), "/data/decision", "granted");
        assertThat(VALIDATOR.validateEvent(event))
                .containsExactly(new Violation("/data", "required property 'returnBy' is missing"));
    }

    @Test
    void refusedLeaveNeedsNoReturnBy() {
        assertThat(minimal("no.udi.mot.leave.decided.v1").at("/data/decision").asText()).isEqualTo("refused");
        assertThat(VALIDATOR.validateEvent(minimal("no.udi.mot.leave.decided.v1"))).isEmpty();
    }

    @Test
    void severalDataViolationsAreReportedSortedAndWithoutDuplicates() {
        ObjectNode event = example("missing");
        setText(event, "/data/person/gender", "f");
        setText(event, "/data/person/dufNumber", "123");
        remove(event, "/data/lastSeen");
        remove(event, "/data/description");
        setText(event, "/data/extra", "x");
        assertThat(VALIDATOR.validateEvent(event)).containsExactly(
                new Violation("/data", "required property 'description' is missing"),
                new Violation("/data", "required property 'lastSeen' is missing"),
                new Violation("/data/extra", "unknown property (not in the contract)"),
                new Violation("/data/person/dufNumber", "must be 12 digits"),
                new Violation("/data/person/gender", "must be one of [female, male, other, unknown]"));
    }

    @Test
    void noMessageRepeatsPersonalData() {
        List<String> personal = List.of("Amina", "Hassan", "201912345", "2010-14-03", "Storo", "Kari", "Asthma", "somali");
        ObjectNode event = example("missing");
        setText(event, "/data/person/givenName", "");
        setText(event, "/data/person/dufNumber", "201912345");
        setText(event, "/data/person/birthDate", "2010-14-03");
        setText(event, "/data/person/nationality", "somali");
        set(event, "/data/person/familyName", "[\"Hassan\"]");
        set(event, "/data/lastSeen", "{\"place\": \"Storo\"}");
        set(event, "/data/caseContext/representative", "\"Kari Nordmann\"");
        set(event, "/data/caseContext/healthNotes", "[\"Asthma\"]");
        setText(event, "/data/caseContext/asylumStage", "Amina");
        setText(event, "/time", "Amina Hassan");
        setText(event, "/data/Amina", "x");
        List<Violation> violations = VALIDATOR.validateEvent(event);
        assertThat(violations).hasSizeGreaterThanOrEqualTo(10);
        for (Violation v : violations) {
            for (String value : personal) {
                assertThat(v.message()).as("message at %s", v.pointer()).doesNotContain(value);
            }
        }
    }

    @Test
    void everyMinimalEventRejectsAnUnknownDataField() {
        for (String type : TestEvents.CONTRACT_TYPES) {
            JsonNode event = setText(minimal(type), "/data/unexpected", "x");
            assertThat(VALIDATOR.validateEvent(event)).as(type)
                    .containsExactly(new Violation("/data/unexpected", "unknown property (not in the contract)"));
        }
    }
}

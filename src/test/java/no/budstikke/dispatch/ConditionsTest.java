package no.budstikke.dispatch;

import static no.budstikke.dispatch.Fixtures.all;
import static no.budstikke.dispatch.Fixtures.any;
import static no.budstikke.dispatch.Fixtures.eq;
import static no.budstikke.dispatch.Fixtures.exists;
import static no.budstikke.dispatch.Fixtures.facts;
import static no.budstikke.dispatch.Fixtures.json;
import static no.budstikke.dispatch.Fixtures.not;
import static no.budstikke.dispatch.Fixtures.test;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import no.budstikke.model.CaseState;
import no.budstikke.model.Condition.Op;
import no.budstikke.model.Condition;
import no.budstikke.model.Where;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionsTest {

    private final Conditions conditions = new Conditions(Fixtures.sampleDirectory());

    private static final JsonNode EVENT = json("""
            {"type": "no.udi.mot.resident.missing.v1", "time": "2026-11-20T21:00:00+01:00",
             "data": {
               "count": 1,
               "nothing": null,
               "odd/name": "slash",
               "caseContext": {
                 "childWelfareCaseOpen": true,
                 "asylumStage": "awaiting_interview",
                 "appointments": [
                   {"kind": "asylum_interview", "at": "2026-11-27T09:00:00+01:00"},
                   {"kind": "age_assessment", "at": "2026-11-22T09:00:00+01:00"}
                 ]
               },
               "contactPersons": []
             }}""");

    private boolean holds(Condition c) {
        return conditions.holds(c, EVENT, CaseState.UNKNOWN);
    }

    private boolean holds(Condition c, CaseState s) {
        return conditions.holds(c, EVENT, s);
    }

    @Test
    void equalsComparesThePointedValue() {
        assertThat(holds(eq("/data/caseContext/childWelfareCaseOpen", true))).isTrue();
        assertThat(holds(eq("/data/caseContext/childWelfareCaseOpen", false))).isFalse();
        assertThat(holds(eq("/data/caseContext/asylumStage", "awaiting_interview"))).isTrue();
        assertThat(holds(eq("/type", "no.udi.mot.resident.missing.v1"))).isTrue();
    }

    @Test
    void aStringIsNotEqualToTheBooleanItSpells() {
        assertThat(holds(eq("/data/caseContext/childWelfareCaseOpen", "true"))).isFalse();
    }

    @Test
    void numbersCompareByValue() {
        assertThat(holds(test("/data/count", Op.EQUALS, 1.0))).isTrue();
        assertThat(holds(test("/data/count", Op.IN, List.of(3, 1L)))).isTrue();
    }

    @Test
    void aMissingValueIsAbsentAndNotEqualToAnything() {
        String missing = "/data/caseContext/awaitingSettlement";
        assertThat(holds(eq(missing, false))).isFalse();
        assertThat(holds(test(missing, Op.NOT_EQUALS, false))).isTrue();
        assertThat(holds(test(missing, Op.ABSENT, null))).isTrue();
        assertThat(holds(exists(missing))).isFalse();
        assertThat(holds(test(missing, Op.IN, List.of(true, false)))).isFalse();
        assertThat(holds(test(missing, Op.WITHIN_HOURS, 100))).isFalse();
    }

    @Test
    void jsonNullCountsAsAbsent() {
        assertThat(holds(exists("/data/nothing"))).isFalse();
        assertThat(holds(test("/data/nothing", Op.ABSENT, null))).isTrue();
    }

    @Test
    void aPathThroughAMissingParentIsAbsent() {
        assertThat(holds(test("/data/knownWhereabouts/municipalityNumber", Op.ABSENT, null))).isTrue();
        assertThat(holds(exists("/data/person/givenName/extra"))).isFalse();
    }

    @Test
    void wildcardHoldsWhenAnyElementMatches() {
        assertThat(holds(eq("/data/caseContext/appointments/*/kind", "age_assessment"))).isTrue();
        assertThat(holds(eq("/data/caseContext/appointments/*/kind", "asylum_interview"))).isTrue();
        assertThat(holds(eq("/data/caseContext/appointments/*/kind", "other"))).isFalse();
        assertThat(holds(exists("/data/caseContext/appointments/*/at"))).isTrue();
        assertThat(holds(test("/data/caseContext/appointments/*/kind", Op.IN, List.of("x", "age_assessment")))).isTrue();
    }

    @Test
    void negationsOverAWildcardHoldOnlyWhenNoElementMatches() {
        assertThat(holds(test("/data/caseContext/appointments/*/kind", Op.NOT_EQUALS, "age_assessment"))).isFalse();
        assertThat(holds(test("/data/caseContext/appointments/*/kind", Op.NOT_EQUALS, "other"))).isTrue();
        assertThat(holds(test("/data/caseContext/appointments/*/place", Op.ABSENT, null))).isTrue();
    }

    @Test
    void wildcardOverAnEmptyArrayFindsNothing() {
        assertThat(holds(exists("/data/contactPersons/*/name"))).isFalse();
        assertThat(holds(test("/data/contactPersons/*/name", Op.ABSENT, null))).isTrue();
    }

    @Test
    void wildcardMatchesArrayElementsOnlyNotObjectMembers() {
        assertThat(holds(eq("/data/caseContext/*", "awaiting_interview"))).isFalse();
    }

    @Test
    void concreteIndexAndEscapedNamesFollowRfc6901() {
        assertThat(holds(eq("/data/caseContext/appointments/1/kind", "age_assessment"))).isTrue();
        assertThat(holds(eq("/data/caseContext/appointments/01/kind", "age_assessment"))).isFalse();
        assertThat(holds(eq("/data/odd~1name", "slash"))).isTrue();
    }

    @Test
    void caseFactsAreReadByName() {
        CaseState s = facts("activeAmotAgreement", true, "amotMunicipality", "3403", "count", 2);
        assertThat(holds(eq("case:activeAmotAgreement", true), s)).isTrue();
        assertThat(holds(eq("case:amotMunicipality", "3403"), s)).isTrue();
        assertThat(holds(eq("case:count", 2), s)).isTrue();
        assertThat(holds(exists("case:somethingElse"), s)).isFalse();
        assertThat(holds(test("case:activeAmotAgreement", Op.ABSENT, null), CaseState.UNKNOWN)).isTrue();
        assertThat(holds(eq("case:activeAmotAgreement", true), CaseState.UNKNOWN)).isFalse();
        assertThat(holds(eq("case:activeAmotAgreement", true), facts("activeAmotAgreement", json("true")))).isTrue();
    }

    @Test
    void combinatorsComposeAndEmptyListsHaveTheirUsualMeaning() {
        Condition yes = eq("/data/caseContext/childWelfareCaseOpen", true);
        Condition no = eq("/data/caseContext/childWelfareCaseOpen", false);
        assertThat(holds(all())).isTrue();
        assertThat(holds(any())).isFalse();
        assertThat(holds(all(yes, yes))).isTrue();
        assertThat(holds(all(yes, no))).isFalse();
        assertThat(holds(any(no, yes))).isTrue();
        assertThat(holds(not(no))).isTrue();
        assertThat(holds(any(not(yes), all(yes, not(no))))).isTrue();
    }

    @Test
    void anAbsentConditionHolds() {
        assertThat(holds(null)).isTrue();
    }

    /** Event time is 2026-11-20T21:00:00+01:00. */
    @ParameterizedTest(name = "{0} within {1} h: {2}")
    @CsvSource({
            "2026-11-20T21:00:00+01:00, 0, true",         // the same instant
            "2026-11-20T20:59:59+01:00, 24, false",       // a second before the event
            "2026-11-21T21:00:00+01:00, 24, true",        // exactly N hours later
            "2026-11-21T21:00:01+01:00, 24, false",       // a second past N hours
            "2026-11-21T20:00:00Z, 24, true",             // other offset, same instant as 21:00+01:00
            "2026-11-21T20:00:01Z, 24, false",
            "2026-11-20T21:30:00+01:00, 0.5, true",       // fractional hours
            "2026-11-20T21:30:01+01:00, 0.5, false",
            "2026-11-21t20:00:00z, 24, true",             // RFC 3339 allows lower-case t and z
            "2026-11-21, 48, false",                      // a date is not a date-time
            "soon, 48, false",
    })
    void withinHoursComparesADateTimeWithTheEventTime(String at, double hours, boolean expected) {
        JsonNode event = json("{\"time\": \"2026-11-20T21:00:00+01:00\", \"data\": {\"at\": \"" + at + "\"}}");
        assertThat(conditions.holds(test("/data/at", Op.WITHIN_HOURS, hours), event, CaseState.UNKNOWN)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-11-20T21:00:01+01:00, true",            // a second after the event
            "2026-11-20T21:00:00+01:00, false",           // the same instant is not ahead
            "2026-11-20T20:00:00Z, false",                // the same instant at another offset
            "2026-11-20T20:59:59+01:00, false",           // a second before the event
            "2027-11-20T21:00:00+01:00, true",            // however far ahead
            "2026-11-21, false",                          // a date is not a date-time
    })
    void aheadHoldsOnlyForADateTimeAfterTheEventTime(String at, boolean expected) {
        JsonNode event = json("{\"time\": \"2026-11-20T21:00:00+01:00\", \"data\": {\"at\": \"" + at + "\"}}");
        assertThat(conditions.holds(test("/data/at", Op.AHEAD, true), event, CaseState.UNKNOWN)).isEqualTo(expected);
    }

    @Test
    void aheadIsFalseWithoutAnEventTime() {
        JsonNode noTime = json("{\"data\": {\"at\": \"2099-11-20T21:00:00+01:00\"}}");
        assertThat(conditions.holds(test("/data/at", Op.AHEAD, true), noTime, CaseState.UNKNOWN)).isFalse();
    }

    @Test
    void withinHoursOverAWildcardHoldsWhenAnyAppointmentIsNear() {
        // appointments are 36 h and 156 h after the event
        assertThat(holds(test("/data/caseContext/appointments/*/at", Op.WITHIN_HOURS, 48))).isTrue();
        assertThat(holds(test("/data/caseContext/appointments/*/at", Op.WITHIN_HOURS, 24))).isFalse();
    }

    @Test
    void withinHoursIsFalseWithoutAUsableEventTimeOrHourCount() {
        JsonNode noTime = json("{\"data\": {\"at\": \"2026-11-20T21:00:00+01:00\"}}");
        assertThat(conditions.holds(test("/data/at", Op.WITHIN_HOURS, 1), noTime, CaseState.UNKNOWN)).isFalse();
        assertThat(holds(test("/data/caseContext/appointments/*/at", Op.WITHIN_HOURS, "48"))).isFalse();
        assertThat(holds(test("/data/caseContext/appointments/*/at", Op.WITHIN_HOURS, -1))).isFalse();
    }

    // sample directory: 0301 and 3403 are both in UDI region "ost" (counties 03 and 34); 4601 is in "vest"
    private boolean differs(Condition.Area area, String centre, String amot, CaseState s) {
        JsonNode e = json("{\"data\": {\"centre\": {\"municipalityNumber\": \"" + centre + "\"}"
                + (amot == null ? "" : ", \"municipalityNumber\": \"" + amot + "\"") + "}}");
        return conditions.holds(new Condition.Differs(area, Where.AMOT, Where.CENTRE), e, s);
    }

    @Test
    void differsComparesTheAreasTwoPlacesLieIn() {
        assertThat(differs(Condition.Area.UDI_REGION, "0301", "4601", CaseState.UNKNOWN)).isTrue();
        assertThat(differs(Condition.Area.UDI_REGION, "0301", "3403", CaseState.UNKNOWN)).isFalse();
        assertThat(differs(Condition.Area.COUNTY, "0301", "3403", CaseState.UNKNOWN)).isTrue();
        assertThat(differs(Condition.Area.MUNICIPALITY, "0301", "0301", CaseState.UNKNOWN)).isFalse();
        assertThat(differs(Condition.Area.POLICE_DISTRICT, "4601", "1103", CaseState.UNKNOWN)).isTrue();
        assertThat(differs(Condition.Area.IMDI_REGION, "4601", "1103", CaseState.UNKNOWN)).isFalse();
    }

    @Test
    void differsTakesAnAmotMunicipalityFromTheCaseWhenTheEventHasNone() {
        assertThat(differs(Condition.Area.UDI_REGION, "0301", null, facts("amotMunicipality", "4601"))).isTrue();
    }

    @Test
    void differsDoesNotHoldWhenAPlaceIsUnknown() {
        assertThat(differs(Condition.Area.UDI_REGION, "0301", null, CaseState.UNKNOWN)).isFalse();
        assertThat(differs(Condition.Area.UDI_REGION, "0301", "9999", CaseState.UNKNOWN)).isFalse();
        assertThat(differs(Condition.Area.UDI_REGION, "9999", "4601", CaseState.UNKNOWN)).isFalse();
        assertThat(differs(Condition.Area.UDI_REGION, "0301", "Oslo", CaseState.UNKNOWN)).isFalse();
    }

    @Test
    void inNeedsAnArrayOfOptions() {
        assertThat(holds(test("/data/caseContext/asylumStage", Op.IN, List.of("dublin", "awaiting_interview")))).isTrue();
        assertThat(holds(test("/data/caseContext/asylumStage", Op.IN, "awaiting_interview"))).isFalse();
    }
}

package no.budstikke.dispatch;

import static no.budstikke.dispatch.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LeaveChecksTest {

    private final LeaveChecks checks = new LeaveChecks();

    /** The shared example: Christmas with an aunt born 1990, nothing to flag. */
    private static ObjectNode application() {
        return Fixtures.example("leave-applied");
    }

    private static ObjectNode withContact(String birthDate) {
        ObjectNode e = application();
        set(e, "/data/contactPersons/0/birthDate", birthDate);
        return e;
    }

    @Test
    void aCleanApplicationHasNoFlags() {
        assertThat(checks.flags(application())).isEmpty();
    }

    @Test
    void leaveAbroadIsFlagged() {
        assertThat(checks.flags(set(application(), "/data/abroad", true))).containsExactly(LeaveChecks.LEAVE_ABROAD);
    }

    /** The leave starts 2026-12-23. */
    @ParameterizedTest(name = "contact born {0}: under 25 = {1}")
    @CsvSource({
            "2001-12-23, false",  // 25 exactly on the first day of leave
            "2001-12-24, true",   // turns 25 the day after leave starts
            "2001-12-22, false",
            "1990-02-11, false",
            "2010-01-01, true",
            "2027-01-01, true",   // born after the leave date: certainly under 25
    })
    void aContactPersonUnder25OnTheFirstDayOfLeaveIsFlagged(String birthDate, boolean flagged) {
        List<String> flags = checks.flags(withContact(birthDate));
        if (flagged) {
            assertThat(flags).containsExactly(LeaveChecks.CONTACT_PERSON_UNDER_25);
        } else {
            assertThat(flags).isEmpty();
        }
    }

    @Test
    void aLeapDayBirthdayTurns25OnlyAfterFebruary28() {
        ObjectNode e = withContact("2000-02-29");
        set(e, "/data/from", "2025-02-28");
        assertThat(checks.flags(e)).contains(LeaveChecks.CONTACT_PERSON_UNDER_25);
        set(e, "/data/from", "2025-03-01");
        assertThat(checks.flags(e)).doesNotContain(LeaveChecks.CONTACT_PERSON_UNDER_25);
    }

    @Test
    void anyOneYoungContactPersonIsEnough() {
        ObjectNode e = application();
        set(e, "/data/contactPersons/1", Fixtures.json("{\"name\": \"Cousin\", \"birthDate\": \"2005-06-01\", \"phone\": \"+4700000000\", \"relation\": \"cousin\"}"));
        assertThat(checks.flags(e)).containsExactly(LeaveChecks.CONTACT_PERSON_UNDER_25);
    }

    @Test
    void unreadableDatesNeverThrowAndFlagNothingByThemselves() {
        assertThat(checks.flags(withContact("not a date"))).isEmpty();
        ObjectNode e = withContact("2010-01-01");
        set(e, "/data/from", "soon");
        assertThat(checks.flags(e)).isEmpty();
    }

    @Test
    void theResidentsSituationIsFlagged() {
        assertThat(checks.flags(set(application(), "/data/centre/kind", "transit"))).containsExactly(LeaveChecks.RESIDENT_IN_TRANSIT);
        assertThat(checks.flags(set(application(), "/data/caseContext/asylumStage", "dublin"))).containsExactly(LeaveChecks.DUBLIN_CASE);
        assertThat(checks.flags(set(application(), "/data/caseContext/asylumStage", "final_rejection")))
                .containsExactly(LeaveChecks.FINALLY_REJECTED);
    }

    @ParameterizedTest(name = "{0} = {1} is incomplete")
    @CsvSource({
            "conflictsWithProgramme, true",
            "minorWantsLeave, false",
            "contactPersonMet, false",
            "idCopied, false",
            "referencesObtained, false",
    })
    void aCentreCheckWithTheWrongAnswerIsFlagged(String check, boolean value) {
        assertThat(checks.flags(set(application(), "/data/checks/" + check, value)))
                .containsExactly(LeaveChecks.CENTRE_CHECKS_INCOMPLETE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"conflictsWithProgramme", "minorWantsLeave", "contactPersonMet", "idCopied", "referencesObtained"})
    void aMissingCentreCheckIsFlagged(String check) {
        assertThat(checks.flags(Fixtures.remove(application(), "/data/checks/" + check)))
                .containsExactly(LeaveChecks.CENTRE_CHECKS_INCOMPLETE);
    }

    @Test
    void missingChecksAltogetherAreFlagged() {
        assertThat(checks.flags(Fixtures.remove(application(), "/data/checks"))).containsExactly(LeaveChecks.CENTRE_CHECKS_INCOMPLETE);
    }

    @Test
    void flagsComeInAFixedOrder() {
        ObjectNode e = withContact("2010-01-01");
        set(e, "/data/abroad", true);
        set(e, "/data/centre/kind", "transit");
        set(e, "/data/caseContext/asylumStage", "dublin");
        set(e, "/data/checks/idCopied", false);
        assertThat(checks.flags(e)).containsExactly(LeaveChecks.LEAVE_ABROAD, LeaveChecks.CONTACT_PERSON_UNDER_25,
                LeaveChecks.RESIDENT_IN_TRANSIT, LeaveChecks.DUBLIN_CASE, LeaveChecks.CENTRE_CHECKS_INCOMPLETE);
    }
}

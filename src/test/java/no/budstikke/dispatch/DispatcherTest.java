package no.budstikke.dispatch;

import static no.budstikke.dispatch.Fixtures.config;
import static no.budstikke.dispatch.Fixtures.copyTo;
import static no.budstikke.dispatch.Fixtures.eq;
import static no.budstikke.dispatch.Fixtures.example;
import static no.budstikke.dispatch.Fixtures.facts;
import static no.budstikke.dispatch.Fixtures.policy;
import static no.budstikke.dispatch.Fixtures.rule;
import static no.budstikke.dispatch.Fixtures.sampleConfig;
import static no.budstikke.dispatch.Fixtures.sampleDirectory;
import static no.budstikke.dispatch.Fixtures.set;
import static no.budstikke.dispatch.Fixtures.test;
import static no.budstikke.dispatch.Fixtures.to;
import static no.budstikke.dispatch.Fixtures.withFlags;
import static no.budstikke.dispatch.Fixtures.withPriority;
import static no.budstikke.dispatch.Fixtures.withRaise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import no.budstikke.model.CaseState;
import no.budstikke.model.Condition.Op;
import no.budstikke.model.Decision;
import no.budstikke.model.HubConfig;
import no.budstikke.model.Notice;
import no.budstikke.model.Policies;
import no.budstikke.model.Priority;
import no.budstikke.model.Role;
import no.budstikke.model.Rule;
import no.budstikke.model.Unresolved;
import no.budstikke.model.Where;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static final String MISSING = Fixtures.MISSING;
    private static final Dispatcher SAMPLE = new Dispatcher(sampleConfig());

    private static Decision decide(HubConfig config, ObjectNode event) {
        return new Dispatcher(config).decide(event, CaseState.UNKNOWN);
    }

    @Test
    void aMissingChildIsReportedToEveryoneWhoMustKnowMostUrgentFirst() {
        Decision d = SAMPLE.decide(example("missing"), CaseState.UNKNOWN);
        assertThat(d.unresolved()).isEmpty();
        assertThat(d.notices()).extracting(Notice::duty, n -> n.recipient().id(), Notice::priority).containsExactly(
                tuple("O20", "udi-ost", Priority.URGENT),
                tuple("O21", "police-oslo", Priority.URGENT),
                tuple("O22", "barnevern-0301", Priority.URGENT),
                tuple("O23", "contact:lawyer:" + Recipients.sha256Prefix("per.hansen@example.org"), Priority.URGENT),
                tuple("O23", "contact:representative:" + Recipients.sha256Prefix("kari.nordmann@example.org"), Priority.URGENT),
                tuple("O24", "udi-bfe", Priority.NORMAL)); // the interview is 83¾ h away, beyond 72 h
    }

    @Test
    void aNoticeCarriesTheRulesAndPolicysParticulars() {
        Decision d = SAMPLE.decide(example("missing"), CaseState.UNKNOWN);
        Notice police = d.notices().stream().filter(n -> n.duty().equals("O21")).findFirst().orElseThrow();
        assertThat(police.copy()).isFalse();
        assertThat(police.kind()).isEqualTo("notice-o21");
        assertThat(police.purpose()).isEqualTo("missing-person");
        assertThat(police.legalBasis()).isEqualTo("basis for POLICE_DISTRICT/missing-person");
        assertThat(police.recipient().role()).isEqualTo(Role.POLICE_DISTRICT);
        assertThat(police.content().at("/description").asText()).startsWith("About 160 cm");
        assertThat(police.content().has("caseContext")).isFalse();
        assertThat(police.removedFields()).contains("/data/caseContext");
        assertThat(police.flags()).isEmpty();
    }

    @Test
    void anEventTypeWithoutRulesLeadsToNothing() {
        Decision d = SAMPLE.decide(Fixtures.valid("no.udi.duf.appointment.scheduled.v1"), CaseState.UNKNOWN);
        assertThat(d.notices()).isEmpty();
        assertThat(d.unresolved()).isEmpty();
    }

    @Test
    void aRuleWhoseConditionFailsDoesNotFire() {
        ObjectNode relocation = Fixtures.valid(Fixtures.RELOCATION);
        assertThat(SAMPLE.decide(relocation, CaseState.UNKNOWN).notices()).extracting(Notice::duty).doesNotContain("O4");
        set(relocation, "/data/caseContext/childWelfareCaseOpen", true);
        assertThat(SAMPLE.decide(relocation, CaseState.UNKNOWN).notices()).extracting(Notice::duty).contains("O4");
    }

    @Test
    void aRecipientWhoseConditionFailsIsSkippedAndTheOthersStillGetTheirs() {
        ObjectNode moved = Fixtures.valid(Fixtures.MOVED);
        assertThat(SAMPLE.decide(moved, CaseState.UNKNOWN).notices()).extracting(Notice::duty, n -> n.recipient().role())
                .containsExactly(tuple("O12", Role.BARNEVERN), tuple("O13", Role.UDI_REGIONAL));
        set(moved, "/data/caseContext/awaitingSettlement", true);
        assertThat(SAMPLE.decide(moved, CaseState.UNKNOWN).notices()).extracting(Notice::duty, n -> n.recipient().role(), Notice::copy)
                .containsExactly(tuple("O12", Role.BARNEVERN, false), tuple("O13", Role.IMDI, true), tuple("O13", Role.UDI_REGIONAL, true));
    }

    @Test
    void caseFactsDecideDutiesTheEventAloneCannot() {
        ObjectNode rejection = Fixtures.example("case-decided-final-rejection");
        assertThat(SAMPLE.decide(rejection, CaseState.UNKNOWN).notices()).extracting(Notice::duty).doesNotContain("O38");
        Decision d = SAMPLE.decide(rejection, facts("activeAmotAgreement", true, "amotMunicipality", "3403"));
        assertThat(d.notices()).filteredOn(n -> n.duty().equals("O38")).extracting(n -> n.recipient().id())
                .containsExactly("municipality-3403");
    }

    @Test
    void aRecipientThatCannotBeResolvedIsReportedAndTheRestStillGoOut() {
        ObjectNode missing = example("missing");
        set(missing, "/data/knownWhereabouts", Fixtures.json(
                "{\"street\": \"Storgata 1\", \"postalCode\": \"9008\", \"postTown\": \"Tromsø\", \"municipalityNumber\": \"5501\"}"));
        Decision d = SAMPLE.decide(missing, CaseState.UNKNOWN);
        assertThat(d.unresolved()).extracting(Unresolved::duty, Unresolved::role).containsExactly(tuple("O22", Role.BARNEVERN));
        assertThat(d.unresolved().get(0).reason()).contains("5501").doesNotContain("Storgata", "Amina");
        assertThat(d.notices()).extracting(Notice::duty).containsExactly("O20", "O21", "O23", "O23", "O24");
    }

    @Test
    void aRoleWithoutAPolicyGetsNothingAndTheGapIsReported() {
        HubConfig c = config(sampleDirectory(), List.of(rule("O21", MISSING, null, Priority.URGENT, "missing-person",
                to(Role.POLICE_DISTRICT, Where.CENTRE))));
        Decision d = decide(c, example("missing"));
        assertThat(d.notices()).isEmpty();
        assertThat(d.unresolved()).singleElement().satisfies(u -> {
            assertThat(u.duty()).isEqualTo("O21");
            assertThat(u.role()).isEqualTo(Role.POLICE_DISTRICT);
            assertThat(u.reason()).contains("no disclosure policy", "POLICE_DISTRICT", "missing-person", "default deny");
        });
    }

    @Test
    void thePolicyIsChosenByRoleAndTheRulesPurpose() {
        HubConfig c = config(sampleDirectory(),
                List.of(rule("O21", MISSING, null, Priority.URGENT, "missing-person", to(Role.POLICE_DISTRICT, Where.CENTRE))),
                policy(Role.POLICE_DISTRICT, "leave-objections", "/data"),
                policy(Role.POLICE_DISTRICT, "missing-person", "/data/person/givenName"));
        Notice n = decide(c, example("missing")).notices().get(0);
        assertThat(n.content()).isEqualTo(Fixtures.json("{\"person\": {\"givenName\": \"Amina\"}}"));
        assertThat(n.legalBasis()).isEqualTo("basis for POLICE_DISTRICT/missing-person");
    }

    // ------------------------------------------------------------------ priorities

    private static HubConfig withBfeRule(Rule r) {
        return config(sampleDirectory(), List.of(r), policy(Role.UDI_BFE, "asylum-process", "/data/person/givenName"));
    }

    private static Rule bfe(Priority p) {
        return rule("O24", MISSING, null, p, "asylum-process", to(Role.UDI_BFE, Where.NATIONAL));
    }

    private static final Rule.Raise NEAR = new Rule.Raise(
            test("/data/caseContext/appointments/*/at", Op.WITHIN_HOURS, 72), Priority.HIGH);

    @Test
    void theRulesPriorityAppliesWhenNothingRaisesIt() {
        // the example's interview is 83¾ hours after the event
        assertThat(decide(withBfeRule(withRaise(bfe(Priority.NORMAL), NEAR)), example("missing")).notices())
                .extracting(Notice::priority).containsExactly(Priority.NORMAL);
    }

    @Test
    void aRaiseLiftsThePriorityWhenItsConditionHolds() {
        ObjectNode e = example("missing");
        set(e, "/data/caseContext/appointments/0/at", "2026-11-22T09:00:00+01:00");
        assertThat(decide(withBfeRule(withRaise(bfe(Priority.NORMAL), NEAR)), e).notices())
                .extracting(Notice::priority).containsExactly(Priority.HIGH);
    }

    @Test
    void aRaiseNeverLowersAPriority() {
        ObjectNode e = example("missing");
        set(e, "/data/caseContext/appointments/0/at", "2026-11-22T09:00:00+01:00");
        assertThat(decide(withBfeRule(withRaise(bfe(Priority.URGENT), NEAR)), e).notices())
                .extracting(Notice::priority).containsExactly(Priority.URGENT);
    }

    @Test
    void theFirstRaiseThatHoldsIsTheOneApplied() {
        ObjectNode e = example("missing");
        Rule r = withRaise(bfe(Priority.NORMAL),
                new Rule.Raise(eq("/data/caseContext/asylumStage", "dublin"), Priority.URGENT),
                new Rule.Raise(eq("/data/caseContext/asylumStage", "awaiting_interview"), Priority.HIGH),
                new Rule.Raise(eq("/data/person/gender", "female"), Priority.URGENT));
        assertThat(decide(withBfeRule(r), e).notices()).extracting(Notice::priority).containsExactly(Priority.HIGH);
    }

    @Test
    void aRecipientsOwnPriorityReplacesTheRulesAndCanStillBeRaised() {
        Rule r = rule("O21", MISSING, null, Priority.URGENT, "missing-person",
                to(Role.POLICE_DISTRICT, Where.CENTRE), withPriority(copyTo(Role.UDI_REGIONAL, Where.CENTRE), Priority.NORMAL));
        HubConfig c = config(sampleDirectory(), List.of(r),
                policy(Role.POLICE_DISTRICT, "missing-person", "/data/person/givenName"),
                policy(Role.UDI_REGIONAL, "missing-person", "/data/person/givenName"));
        assertThat(decide(c, example("missing")).notices()).extracting(n -> n.recipient().role(), Notice::priority)
                .containsExactly(tuple(Role.POLICE_DISTRICT, Priority.URGENT), tuple(Role.UDI_REGIONAL, Priority.NORMAL));
        Rule raised = withRaise(r, new Rule.Raise(eq("/data/caseContext/asylumStage", "awaiting_interview"), Priority.HIGH));
        HubConfig c2 = config(sampleDirectory(), List.of(raised), c.policies().policies().toArray(new no.budstikke.model.Policy[0]));
        assertThat(decide(c2, example("missing")).notices()).extracting(n -> n.recipient().role(), Notice::priority)
                .containsExactly(tuple(Role.POLICE_DISTRICT, Priority.URGENT), tuple(Role.UDI_REGIONAL, Priority.HIGH));
    }

    // ------------------------------------------------------------------ order, duplicates, determinism

    @Test
    void noticesAreOrderedByPriorityThenDutyNumberThenOffice() {
        assertThat(Dispatcher.compareDuties("O2", "O10")).isNegative();
        assertThat(Dispatcher.compareDuties("O10", "O9")).isPositive();
        assertThat(Dispatcher.compareDuties("O07", "O7")).isNegative();
        assertThat(Dispatcher.compareDuties("O7", "O7")).isZero();
        assertThat(Dispatcher.compareDuties("O7", "P1")).isNegative();
        List<Rule> rules = List.of(
                rule("O10", MISSING, null, Priority.NORMAL, "p", to(Role.UDI_REGIONAL, Where.CENTRE)),
                rule("O9", MISSING, null, Priority.NORMAL, "p", to(Role.STATSFORVALTER, Where.CENTRE), to(Role.BARNEVERN, Where.CENTRE)),
                rule("O30", MISSING, null, Priority.URGENT, "p", to(Role.POLICE_DISTRICT, Where.CENTRE)));
        HubConfig c = config(sampleDirectory(), rules, policy(Role.UDI_REGIONAL, "p"), policy(Role.STATSFORVALTER, "p"),
                policy(Role.BARNEVERN, "p"), policy(Role.POLICE_DISTRICT, "p"));
        assertThat(decide(c, example("missing")).notices()).extracting(Notice::duty, n -> n.recipient().id()).containsExactly(
                tuple("O30", "police-oslo"), tuple("O9", "barnevern-0301"), tuple("O9", "sf-03"), tuple("O10", "udi-ost"));
    }

    @Test
    void twoRecipientsOfOneDutyResolvingToTheSameOfficeGiveOneNoticeAtTheHigherPriority() {
        Rule r = rule("O22", MISSING, null, Priority.NORMAL, "p", to(Role.BARNEVERN, Where.CENTRE),
                withPriority(to(Role.BARNEVERN, Where.KNOWN_WHEREABOUTS, Where.CENTRE), Priority.URGENT));
        Decision d = decide(config(sampleDirectory(), List.of(r), policy(Role.BARNEVERN, "p")), example("missing"));
        assertThat(d.notices()).extracting(n -> n.recipient().id(), Notice::priority)
                .containsExactly(tuple("barnevern-0301", Priority.URGENT));
    }

    @Test
    void theSameEventAndCaseAlwaysGiveTheSameDecision() {
        ObjectNode e = example("missing");
        Decision first = SAMPLE.decide(e, CaseState.UNKNOWN);
        Decision second = new Dispatcher(sampleConfig()).decide(e.deepCopy(), CaseState.UNKNOWN);
        assertThat(second).isEqualTo(first);
        assertThat(e).isEqualTo(example("missing")); // the event is not touched
    }

    @Test
    void aMissingCaseStateIsTreatedAsUnknown() {
        assertThat(SAMPLE.decide(example("missing"), null)).isEqualTo(SAMPLE.decide(example("missing"), CaseState.UNKNOWN));
    }

    // ------------------------------------------------------------------ flags and health

    @Test
    void theLeaveApplicationChecksAppearAsFlagsOnTheNoticeToUdi() {
        ObjectNode leave = example("leave-applied");
        set(leave, "/data/abroad", true);
        set(leave, "/data/caseContext/asylumStage", "dublin");
        Decision d = SAMPLE.decide(leave, CaseState.UNKNOWN);
        assertThat(d.notices()).filteredOn(n -> n.duty().equals("O15")).singleElement().satisfies(n -> {
            assertThat(n.recipient().role()).isEqualTo(Role.UDI_REGIONAL);
            assertThat(n.flags()).containsExactly(LeaveChecks.LEAVE_ABROAD, LeaveChecks.DUBLIN_CASE);
        });
        assertThat(d.notices()).filteredOn(n -> !n.duty().equals("O15")).allSatisfy(n -> assertThat(n.flags()).isEmpty());
    }

    @Test
    void healthNotesReachTheHealthOffice() {
        ObjectNode departed = Fixtures.valid(Fixtures.DEPARTED);
        set(departed, "/data/caseContext/healthNotes", "Asthma.");
        Notice health = SAMPLE.decide(departed, CaseState.UNKNOWN).notices().stream()
                .filter(n -> n.recipient().role() == Role.HEALTH_OFFICE).findFirst().orElseThrow();
        assertThat(health.content().at("/caseContext/healthNotes").asText()).isEqualTo("Asthma.");
    }

    @Test
    void healthDataNeverReachesAnotherRoleEvenIfAPolicySlips() {
        Map<String, List<String>> categories = Map.of("health", List.of("/data/medical"), "everything", List.of("/data"));
        Rule r = rule("O7", MISSING, null, Priority.NORMAL, "p", to(Role.BARNEVERN, Where.CENTRE), to(Role.HEALTH_OFFICE, Where.CENTRE));
        HubConfig c = new HubConfig(sampleDirectory(), List.of(r), new Policies(List.of(
                policy(Role.BARNEVERN, "p", List.of("everything"), List.of("/data/caseContext/healthNotes")),
                policy(Role.HEALTH_OFFICE, "p", "/data/caseContext/healthNotes", "/data/medical")), categories));
        ObjectNode e = example("missing");
        set(e, "/data/caseContext/consents/disclosureToOthers", true);
        set(e, "/data/medical", Fixtures.json("{\"diagnosis\": \"x\"}"));
        Decision d = new Dispatcher(c).decide(e, CaseState.UNKNOWN);
        Notice barnevern = d.notices().stream().filter(n -> n.recipient().role() == Role.BARNEVERN).findFirst().orElseThrow();
        Notice health = d.notices().stream().filter(n -> n.recipient().role() == Role.HEALTH_OFFICE).findFirst().orElseThrow();
        assertThat(barnevern.content().toString()).doesNotContain("Asthma", "diagnosis");
        assertThat(barnevern.content().at("/person/givenName").asText()).isEqualTo("Amina"); // the category did expand
        assertThat(barnevern.removedFields()).containsExactly("/data/caseContext/healthNotes", "/data/medical");
        assertThat(health.content().toString()).contains("Asthma", "diagnosis");
    }

    @Test
    void aPolicyNamingAnUnknownCategoryIsRefused() {
        HubConfig c = config(sampleDirectory(), List.of(), policy(Role.BARNEVERN, "p", "identity"));
        assertThatThrownBy(() -> new Dispatcher(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BARNEVERN/p").hasMessageContaining("identity");
    }

    @Test
    void aRuleNamingAnUnknownFlagIsRefused() {
        Rule r = withFlags(bfe(Priority.NORMAL), "guess-the-weather");
        assertThatThrownBy(() -> new Dispatcher(withBfeRule(r))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("O24").hasMessageContaining("guess-the-weather");
    }

    @Test
    void aConditionOnSomethingThatIsNotAPointerIsRefusedAtConstruction() {
        Rule r = rule("O24", MISSING, eq("data/person/givenName", "x"), Priority.NORMAL, "asylum-process",
                to(Role.UDI_BFE, Where.NATIONAL));
        assertThatThrownBy(() -> new Dispatcher(withBfeRule(r))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("O24").hasMessageContaining("data/person/givenName");
    }
}

package no.budstikke.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.IntStream;

import static no.budstikke.contract.TestEvents.CONTRACT_TYPES;
import static no.budstikke.contract.TestEvents.VALIDATOR;
import static no.budstikke.contract.TestEvents.example;
import static no.budstikke.contract.TestEvents.minimal;
import static no.budstikke.contract.TestEvents.remove;
import static no.budstikke.contract.TestEvents.set;
import static no.budstikke.contract.TestEvents.setText;
import static org.assertj.core.api.Assertions.assertThat;

class ValidEventsTest {

    static List<String> examples() {
        return TestEvents.EXAMPLES;
    }

    static List<String> contractTypes() {
        return CONTRACT_TYPES;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void sharedExampleIsValid(String name) {
        assertThat(VALIDATOR.validateEvent(example(name))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("contractTypes")
    void minimalEventOfEveryContractTypeIsValid(String type) {
        ObjectNode event = minimal(type);
        assertThat(event.path("type").asText()).isEqualTo(type);
        assertThat(VALIDATOR.validateEvent(event)).isEmpty();
    }

    @Test
    void knownTypesAreExactlyTheContractsTypes() {
        assertThat(VALIDATOR.knownTypes()).containsExactlyInAnyOrderElementsOf(CONTRACT_TYPES).hasSize(21);
    }

    @Test
    void optionalCloudEventsAttributesAreAccepted() {
        ObjectNode event = example("missing");
        setText(event, "/subject", "resident");
        setText(event, "/dataschema", "https://budstikke.example/schemas/events/event.schema.json");
        assertThat(VALIDATOR.validateEvent(event)).isEmpty();
        assertThat(VALIDATOR.validateEvent(remove(event, "/datacontenttype"))).isEmpty();
    }

    @Test
    void lowercaseExtensionAttributesWithScalarValuesAreAccepted() {
        ObjectNode event = example("arrived");
        setText(event, "/traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        set(event, "/retries", "3");
        set(event, "/replay", "false");
        setText(event, "/abcdefghij0123456789", "twenty characters is the limit");
        assertThat(VALIDATOR.validateEvent(event)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T21:15:00Z", "2026-11-20T20:15:00.123+00:00", "2026-11-20T21:15:00-05:30"})
    void timeWithAnyOffsetIsAccepted(String time) {
        assertThat(VALIDATOR.validateEvent(setText(example("returned"), "/time", time))).isEmpty();
    }

    @Test
    void dufEventMayCarryACentreAndFullCaseContext() {
        ObjectNode event = example("case-decided-final-rejection");
        set(event, "/data/centre", example("missing").at("/data/centre").toString());
        set(event, "/data/caseContext", example("missing").at("/data/caseContext").toString());
        assertThat(VALIDATOR.validateEvent(event)).isEmpty();
    }

    @Test
    void tertialDueNeedsNoPersonButMayCarryOne() {
        ObjectNode event = minimal("no.udi.duf.amot.tertial-due.v1");
        assertThat(event.at("/data").has("person")).isFalse();
        set(event, "/data/person", example("missing").at("/data/person").toString());
        assertThat(VALIDATOR.validateEvent(event)).isEmpty();
    }

    @Test
    void optionalPersonAndDataFieldsAreAccepted() {
        ObjectNode event = example("missing");
        setText(event, "/data/person/nationalId", "01011012345");
        set(event, "/data/knownWhereabouts",
                "{\"street\":\"Gata 1\",\"postalCode\":\"0150\",\"postTown\":\"Oslo\",\"municipalityNumber\":\"0301\"}");
        assertThat(VALIDATOR.validateEvent(event)).isEmpty();
    }

    @Test
    void caseContextFieldsAreAllOptional() {
        ObjectNode event = example("missing");
        set(event, "/data/caseContext", "{}");
        assertThat(VALIDATOR.validateEvent(event)).isEmpty();
        set(event, "/data/caseContext", "{\"representative\":{\"name\":\"Kari\"},\"consents\":{}}");
        assertThat(VALIDATOR.validateEvent(event)).isEmpty();
    }

    @Test
    void grantedLeaveWithReturnByIsValid() {
        ObjectNode event = minimal("no.udi.mot.leave.decided.v1");
        setText(event, "/data/decision", "granted");
        setText(event, "/data/returnBy", "2026-12-27T18:00:00+01:00");
        assertThat(VALIDATOR.validateEvent(event)).isEmpty();
    }

    @Test
    void validatorIsSafeToShareBetweenThreads() {
        JsonNode bad = setText(example("missing"), "/data/person/gender", "nope");
        List<Violation> expected = VALIDATOR.validateEvent(bad);
        assertThat(expected).hasSize(1);
        List<List<Violation>> results = IntStream.range(0, 200).parallel()
                .mapToObj(i -> VALIDATOR.validateEvent(i % 2 == 0 ? bad : example("arrived")))
                .toList();
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i)).isEqualTo(i % 2 == 0 ? expected : List.of());
        }
    }
}

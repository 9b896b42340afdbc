package no.budstikke.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static no.budstikke.contract.TestEvents.VALIDATOR;
import static no.budstikke.contract.TestEvents.assertOnlyViolation;
import static no.budstikke.contract.TestEvents.example;
import static no.budstikke.contract.TestEvents.minimal;
import static no.budstikke.contract.TestEvents.parse;
import static no.budstikke.contract.TestEvents.remove;
import static no.budstikke.contract.TestEvents.set;
import static no.budstikke.contract.TestEvents.setText;
import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeViolationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type", "time", "data"})
    void missingRequiredAttributeIsReportedAtTheRoot(String attribute) {
        ObjectNode event = remove(example("missing"), "/" + attribute);
        assertThat(VALIDATOR.validateEvent(event))
                .containsExactly(new Violation("", "required property '" + attribute + "' is missing"));
    }

    @Test
    void wrongSpecVersionIsRejected() {
        String message = assertOnlyViolation(setText(example("missing"), "/specversion", "0.3"), "/specversion", "0.3");
        assertThat(message).isEqualTo("must be 1.0");
    }

    @Test
    void emptyOrOverlongIdIsRejected() {
        assertOnlyViolation(setText(example("missing"), "/id", ""), "/id", null);
        String longId = "x".repeat(129);
        assertThat(assertOnlyViolation(setText(example("missing"), "/id", longId), "/id", longId))
                .isEqualTo("must be at most 128 characters");
        assertThat(VALIDATOR.validateEvent(setText(example("missing"), "/id", "x".repeat(128)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20T21:15:00", "2026-11-20", "2026-02-30T10:00:00+01:00", "20 Nov 2026 21:15"})
    void timeThatIsNotAnRfc3339DateTimeWithOffsetIsRejected(String time) {
        String message = assertOnlyViolation(setText(example("missing"), "/time", time), "/time", time);
        assertThat(message).startsWith("must be an RFC 3339 date-time with offset");
    }

    @Test
    void unknownTypeIsReportedOnceWithoutCascade() {
        ObjectNode event = setText(example("missing"), "/type", "no.udi.mot.resident.vanished.v1");
        set(event, "/data", "{\"whatever\": true}");
        setText(event, "/source", "not-a-urn");
        assertThat(VALIDATOR.validateEvent(event)).containsExactly(
                new Violation("/type", "unknown event type; expected one of the contract's types"));
    }

    @Test
    void typeThatIsNotAStringIsReportedOnce() {
        ObjectNode event = set(example("missing"), "/type", "{\"name\": \"no.udi.mot.resident.missing.v1\"}");
        assertOnlyViolation(event, "/type", "no.udi.mot.resident.missing.v1");
    }

    @Test
    void motTypeFromTheDufSourceIsRejected() {
        String message = assertOnlyViolation(setText(example("missing"), "/source", "urn:no:udi:duf"), "/source", null);
        assertThat(message).isEqualTo("must be urn:no:udi:mot:centre:<centreId> for a MOT event type");
    }

    @Test
    void theHubsOwnSourceIsValidButNoOtherHubSource() {
        // The hub's schedules make MOT events and DUF's tertial-due (docs/schedules.md); intake refuses the source from every sender.
        assertThat(VALIDATOR.validateEvent(setText(example("missing"), "/source", "urn:no:budstikke:schedule"))).isEmpty();
        assertThat(VALIDATOR.validateEvent(setText(example("case-decided-final-rejection"), "/source", "urn:no:budstikke:schedule")))
                .isEmpty();
        String message = assertOnlyViolation(setText(example("case-decided-final-rejection"), "/source", "urn:no:budstikke:scheduler"),
                "/source", null);
        assertThat(message).isEqualTo("must be urn:no:udi:duf for a DUF event type");
    }

    @Test
    void dufTypeFromACentreSourceIsRejected() {
        ObjectNode event = setText(example("case-decided-final-rejection"), "/source", "urn:no:udi:mot:centre:C-0301-01");
        String message = assertOnlyViolation(event, "/source", "C-0301-01");
        assertThat(message).isEqualTo("must be urn:no:udi:duf for a DUF event type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"urn:no:udi:mot:centre:", "urn:no:udi:mot:centre:C 1", "https://mot.example/centre/C-1", ""})
    void malformedCentreSourceIsRejected(String source) {
        // The message is fixed text; these values share its prefix, so no "does not echo" check here.
        assertThat(assertOnlyViolation(setText(example("arrived"), "/source", source), "/source", null))
                .isEqualTo("must be urn:no:udi:mot:centre:<centreId> for a MOT event type");
    }

    @Test
    void otherDataContentTypeIsRejected() {
        assertThat(assertOnlyViolation(setText(example("missing"), "/datacontenttype", "text/xml"), "/datacontenttype", "text/xml"))
                .isEqualTo("must be application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a uri", "schemas/event.json"})
    void dataSchemaThatIsNotAnAbsoluteUriIsRejected(String uri) {
        assertThat(assertOnlyViolation(setText(example("missing"), "/dataschema", uri), "/dataschema", uri))
                .isEqualTo("must be an absolute URI");
    }

    @Test
    void subjectMustBeAString() {
        assertThat(assertOnlyViolation(set(example("missing"), "/subject", "42"), "/subject", null))
                .isEqualTo("must be a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo", "traceParent", "my_ext", "my-ext", "data_base64", "abcdefghij0123456789x"})
    void badlyNamedExtensionAttributeIsRejectedAtItsName(String name) {
        ObjectNode event = setText(example("missing"), "/" + name, "value");
        String message = assertOnlyViolation(event, "/" + name, "value");
        assertThat(message).contains("lowercase").contains("20");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1}", "[1, 2]", "null", "1.5"})
    void extensionAttributeWithNonScalarValueIsRejected(String value) {
        ObjectNode event = set(example("missing"), "/myext", value);
        assertThat(assertOnlyViolation(event, "/myext", null)).isEqualTo("must be a string, integer or boolean");
    }

    @Test
    void attributeNamesArePointerEscaped() {
        ObjectNode event = setText(example("missing"), "/placeholder", "x");
        event.remove("placeholder");
        event.put("a/b~c", "x");
        assertOnlyViolation(event, "/a~1b~0c", null);
    }

    @Test
    void dataThatIsNotAnObjectIsReportedOnce() {
        assertThat(VALIDATOR.validateEvent(set(minimal("no.udi.mot.resident.turning-18.v1"), "/data", "[1]")))
                .containsExactly(new Violation("/data", "must be an object"));
    }

    @Test
    void eventThatIsNotAnObjectIsRejectedAtTheRoot() {
        assertThat(VALIDATOR.validateEvent(parse("[]"))).containsExactly(new Violation("", "must be an object"));
        assertThat(VALIDATOR.validateEvent(null)).containsExactly(new Violation("", "must be an object"));
    }

    @Test
    void severalEnvelopeViolationsAreAllReportedSortedByPointer() {
        ObjectNode event = example("missing");
        setText(event, "/time", "yesterday");
        setText(event, "/specversion", "2.0");
        remove(event, "/id");
        List<Violation> violations = VALIDATOR.validateEvent(event);
        assertThat(violations).extracting(Violation::pointer).containsExactly("", "/specversion", "/time");
    }
}

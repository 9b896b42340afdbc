package no.budstikke.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixtures and JSON surgery for the contract tests. */
final class TestEvents {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ContractValidator VALIDATOR = ContractValidator.fromClasspath();

    static final List<String> EXAMPLES = List.of("arrived", "case-decided-final-rejection", "leave-applied",
            "missing", "moved-without-clearance", "returned");

    /** The 21 types as listed in docs/contract.md, kept here on purpose as an independent list. */
    static final List<String> CONTRACT_TYPES = List.of(
            "no.udi.mot.resident.arrived.v1",
            "no.udi.mot.resident.relocation-planned.v1",
            "no.udi.mot.resident.departed.v1",
            "no.udi.mot.resident.turning-18.v1",
            "no.udi.mot.resident.private-move-requested.v1",
            "no.udi.mot.resident.moved-without-clearance.v1",
            "no.udi.mot.resident.return-planned.v1",
            "no.udi.mot.leave.applied.v1",
            "no.udi.mot.leave.decided.v1",
            "no.udi.mot.leave.overdue.v1",
            "no.udi.mot.resident.missing.v1",
            "no.udi.mot.resident.returned.v1",
            "no.udi.mot.mapping.updated.v1",
            "no.udi.duf.case.decided.v1",
            "no.udi.duf.appointment.scheduled.v1",
            "no.udi.duf.settlement.decided.v1",
            "no.udi.duf.amot.application-registered.v1",
            "no.udi.duf.amot.request-sent.v1",
            "no.udi.duf.amot.agreement-sent.v1",
            "no.udi.duf.amot.agreement-signed.v1",
            "no.udi.duf.amot.tertial-due.v1");

    private TestEvents() {
    }

    static JsonNode resource(String path) {
        try (InputStream in = TestEvents.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, mutable copy of one of the six shared examples, e.g. {@code example("missing")}. */
    static ObjectNode example(String name) {
        return (ObjectNode) resource("events/" + name + ".json");
    }

    /** A fresh, mutable copy of the minimal valid event of a type. */
    static ObjectNode minimal(String type) {
        return (ObjectNode) resource("events/valid/" + type + ".json");
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the member at {@code pointer} (its parent must exist) to the given JSON text. */
    static ObjectNode set(ObjectNode event, String pointer, String json) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = event.at(p.head());
        JsonNode value = parse(json);
        if (parent instanceof ArrayNode array) {
            array.set(p.last().getMatchingIndex(), value);
        } else {
            ((ObjectNode) parent).set(p.last().getMatchingProperty(), value);
        }
        return event;
    }

    static ObjectNode setText(ObjectNode event, String pointer, String text) {
        return set(event, pointer, JSON.valueToTree(text).toString());
    }

    static ObjectNode remove(ObjectNode event, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        ((ObjectNode) event.at(p.head())).remove(p.last().getMatchingProperty());
        return event;
    }

    /**
     * Asserts the event breaks exactly one rule, at {@code pointer}, and that the message does not
     * repeat the offending value. Returns the message for further checks.
     */
    static String assertOnlyViolation(JsonNode event, String pointer, String offendingValue) {
        List<Violation> violations = VALIDATOR.validateEvent(event);
        assertThat(violations).extracting(Violation::pointer).containsExactly(pointer);
        String message = violations.get(0).message();
        assertThat(message).isNotBlank();
        if (offendingValue != null) {
            assertThat(message).doesNotContain(offendingValue);
        }
        return message;
    }
}

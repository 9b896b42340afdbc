package no.budstikke.contract;

import static no.budstikke.contract.TestEvents.VALIDATOR;
import static no.budstikke.contract.TestEvents.example;
import static no.budstikke.contract.TestEvents.setText;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pattern (and a format) holds for the whole value: nothing may trail it, not even a line break. */
class WholeValuePatternsTest {

    @ParameterizedTest(name = "{1} + {2}")
    @CsvSource({
            "missing, /data/centre/municipalityNumber, \\n",
            "missing, /data/centre/municipalityNumber, \\r\\n",
            "missing, /data/person/dufNumber, \\n",
            "missing, /data/person/nationality, \\n",
            "missing, /data/person/birthDate, \\n",
            "missing, /data/missingSince, \\n",
            "case-decided-final-rejection, /source, \\n",
            "missing, /source, \\n",
    })
    void aValueWithATrailingLineBreakBreaksThePattern(String example, String pointer, String trailer) {
        ObjectNode event = example(example);
        String value = event.at(pointer).asText();
        setText(event, pointer, value + trailer.replace("\\n", "\n").replace("\\r", "\r"));

        assertThat(VALIDATOR.validateEvent(event)).extracting(Violation::pointer).contains(pointer);
    }

    @Test
    void theExamplesStillPass() {
        TestEvents.EXAMPLES.forEach(name -> assertThat(VALIDATOR.validateEvent(example(name))).as(name).isEmpty());
    }

    @Test
    void aSourceLongerThanTheStoreHoldsIsAViolation() {
        ObjectNode event = setText(example("missing"), "/source", "urn:no:udi:mot:centre:" + "C".repeat(200));

        assertThat(VALIDATOR.validateEvent(event)).extracting(Violation::pointer).containsExactly("/source");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '~', value = {
            "^[0-9]{4}$ ~ ^[0-9]{4}\\z",
            "^(a|b)$ ~ ^(a|b)\\z",
            "^a\\$b$ ~ ^a\\$b\\z",
            "^[$a]+$ ~ ^[$a]+\\z",
            "^[\\]$]$ ~ ^[\\]$]\\z",
            "^no\\.udi\\. ~ ^no\\.udi\\.",
    })
    void onlyEndAnchorsAreRewritten(String schemaPattern, String javaPattern) {
        assertThat(EcmaAnchors.toJava(schemaPattern)).isEqualTo(javaPattern);
    }
}

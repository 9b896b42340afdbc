package no.budstikke.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputFormTest {

    @ParameterizedTest
    @CsvSource({
        "application/cloudevents+json, SINGLE",
        "application/cloudevents-batch+json, BATCH",
        "application/json, EITHER",
        "Application/JSON; charset=UTF-8, EITHER",
        "application/cloudevents+json; charset=\"utf-8\", SINGLE"
    })
    void acceptedMediaTypes(String contentType, InputForm form) {
        assertThat(InputForm.ofMediaType(contentType)).contains(form);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/json; charset=iso-8859-1", "application/json;charset", ""})
    void everythingElseIsUnsupported(String contentType) {
        assertThat(InputForm.ofMediaType(contentType)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aMissingContentTypeIsUnsupported() {
        assertThat(InputForm.ofMediaType(null)).isEmpty();
    }
}

package no.budstikke.console.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import no.budstikke.http.MaskedPointer;
import org.junit.jupiter.api.Test;

/** How quarantined bytes become the text ops-pii read, and how problem pointers are masked for ops. */
class QuarantineTextTest {

    @Test
    void utf8IsShownAndACharacterCutByTheCapIsDropped() {
        byte[] bytes = "{\"name\": \"Åse\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(QuarantinePage.text(bytes)).hasValue("{\"name\": \"Åse\"}");
        byte[] cut = Arrays.copyOf(bytes, 11); // inside the two bytes of Å
        assertThat(QuarantinePage.text(cut)).hasValue("{\"name\": \"");
    }

    @Test
    void bytesThatAreNotUtf8AreNotShownAsText() {
        assertThat(QuarantinePage.text(new byte[] {(byte) 0xff, (byte) 0xfe, 'x', 'y', 'z', (byte) 0xc3, 'a'})).isEmpty();
    }

    @Test
    void contractNamesAreKeptAndANameTheSenderChoseIsMasked() {
        assertThat(MaskedPointer.of("/data/person/dufNumber", QuarantinePage.HIDDEN)).isEqualTo("/data/person/dufNumber");
        assertThat(MaskedPointer.of("/data/person/Amina Hassan", QuarantinePage.HIDDEN)).isEqualTo("/data/person/(skjult)");
        assertThat(MaskedPointer.of("/data/Amina/givenName", QuarantinePage.HIDDEN)).isEqualTo("/data/(skjult)/(skjult)");
        assertThat(MaskedPointer.of("", QuarantinePage.HIDDEN)).isEmpty();
    }
}

package no.budstikke.camel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfficeLabelTest {

    @Test
    void aDirectoryOfficeIsItsIdAndAPersonNamedInAnEventOnlyTheirRole() {
        assertThat(OfficeLabel.of("police-oslo")).isEqualTo("police-oslo");
        assertThat(OfficeLabel.of("contact:representative:3f2a9c1b77de")).isEqualTo("contact:representative");
        assertThat(OfficeLabel.of("contact:lawyer:b3cef8a025a8")).isEqualTo("contact:lawyer");
        // anything odd after the prefix is not echoed
        assertThat(OfficeLabel.of("contact:kari.nordmann@example.org")).isEqualTo("contact");
        assertThat(OfficeLabel.of("contact:")).isEqualTo("contact");
    }
}

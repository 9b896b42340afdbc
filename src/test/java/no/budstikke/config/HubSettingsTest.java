package no.budstikke.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubSettingsTest {

    private static HubSettings of(Map<String, String> values) {
        return new HubSettings(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void sizesTakeBinaryUnits() {
        HubSettings s = of(Map.of("a", "1MiB", "b", "256KiB", "c", "1000"));
        assertThat(s.bytes("a", 0)).isEqualTo(1_048_576);
        assertThat(s.bytes("b", 0)).isEqualTo(262_144);
        assertThat(s.bytes("c", 0)).isEqualTo(1000);
        assertThat(s.bytes("missing", 7)).isEqualTo(7);
    }

    @Test
    void blankMeansUnset() {
        assertThat(of(Map.of("a", "  ")).string("a", "fallback")).isEqualTo("fallback");
    }

    @Test
    void badValuesNameTheSettingAndWhatIsExpected() {
        HubSettings s = of(Map.of("n", "ten", "f", "yes", "z", "1GB", "budstikke.profile", "prod"));
        assertThatThrownBy(() -> s.integer("n", 0)).hasMessageContaining("'n' must be a whole number");
        assertThatThrownBy(() -> s.flag("f", false)).hasMessageContaining("'f' must be true or false");
        assertThatThrownBy(() -> s.bytes("z", 0)).hasMessageContaining("'z' must be a size");
        assertThatThrownBy(s::profile).hasMessageContaining("'embedded' or 'production'");
        assertThatThrownBy(() -> s.required("absent")).hasMessageContaining("'absent' is required");
    }

    @Test
    void theProfileDefaultsToEmbedded() {
        assertThat(of(Map.of()).profile()).isEqualTo(Profile.EMBEDDED);
        assertThat(of(Map.of("budstikke.profile", "Production")).profile()).isEqualTo(Profile.PRODUCTION);
    }
}

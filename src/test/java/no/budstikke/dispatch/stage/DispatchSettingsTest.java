package no.budstikke.dispatch.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import org.junit.jupiter.api.Test;

/** How many events one dispatch transaction decides: 50 unless set, and a mistyped size stops the start naming the key. */
class DispatchSettingsTest {

    private static DispatchSettings read(Map<String, String> given) {
        return DispatchSettings.from(new HubSettings(key -> Optional.ofNullable(given.get(key))));
    }

    @Test
    void byDefaultFiftyEventsAreDecidedInOneTransaction() {
        assertThat(read(Map.of()).groupSize()).isEqualTo(50);
        assertThat(read(Map.of("budstikke.dispatch.group-size", "1")).groupSize()).isEqualTo(1);
    }

    @Test
    void aGroupSizeOutOfRangeOrNotANumberIsAConfigErrorNamingTheSetting() {
        for (String wrong : new String[] {"0", "-5", "1001"}) {
            assertThatThrownBy(() -> read(Map.of("budstikke.dispatch.group-size", wrong)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("budstikke.dispatch.group-size")
                    .hasMessageContaining("expected 1 (one event per transaction) to 1000 events");
        }
        assertThatThrownBy(() -> read(Map.of("budstikke.dispatch.group-size", "fifty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("budstikke.dispatch.group-size");
    }
}

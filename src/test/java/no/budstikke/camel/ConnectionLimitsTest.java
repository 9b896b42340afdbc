package no.budstikke.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import no.budstikke.config.HubSettings;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    private static ConnectionLimits of(Map<String, String> values) {
        return ConnectionLimits.from(new HubSettings(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void defaultsAreTenSecondsForHeadersAMinuteIdleAndThirtyTwoConnections() {
        assertThat(of(Map.of())).isEqualTo(new ConnectionLimits(10_000, 60_000, 32));
        assertThat(of(Map.of("budstikke.http.header-timeout-ms", "500", "budstikke.http.idle-timeout-ms", "2000",
                "budstikke.http.max-connections-per-client", "3"))).isEqualTo(new ConnectionLimits(500, 2000, 3));
    }

    @Test
    void aMistypedOrNonPositiveValueNamesTheSettingAndWhatIsExpected() {
        assertThatThrownBy(() -> of(Map.of("budstikke.http.header-timeout-ms", "10s")))
                .hasMessageContaining("'budstikke.http.header-timeout-ms' must be a whole number, got '10s'");
        assertThatThrownBy(() -> of(Map.of("budstikke.http.idle-timeout-ms", "0")))
                .hasMessageContaining("'budstikke.http.idle-timeout-ms' must be a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> of(Map.of("budstikke.http.max-connections-per-client", "-1")))
                .hasMessageContaining("'budstikke.http.max-connections-per-client' must be a whole number of at least 1");
    }
}

package no.budstikke.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import org.junit.jupiter.api.Test;

/** The HTTP offices' timeouts: the shipped defaults, and a mistyped value stops the start naming its key. */
class HttpChannelSettingsTest {

    private static HttpChannelSettings read(Map<String, String> given) {
        return HttpChannelSettings.from(new HubSettings(key -> Optional.ofNullable(given.get(key))));
    }

    @Test
    void byDefaultFiveSecondsToConnectAndThirtyForTheAnswer() {
        assertThat(read(Map.of())).isEqualTo(new HttpChannelSettings(5_000, 5_000, 30_000));
    }

    @Test
    void givenTimeoutsAreRead() {
        assertThat(read(Map.of("budstikke.delivery.http.connect-timeout-ms", "1000",
                "budstikke.delivery.http.connection-request-timeout-ms", "2000", "budstikke.delivery.http.read-timeout-ms", "3000")))
                .isEqualTo(new HttpChannelSettings(1000, 2000, 3000));
    }

    @Test
    void aTimeoutNotAboveZeroOrNotANumberIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("budstikke.delivery.http.read-timeout-ms", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("budstikke.delivery.http.read-timeout-ms")
                .hasMessageContaining("above 0");
        assertThatThrownBy(() -> read(Map.of("budstikke.delivery.http.connection-request-timeout-ms", "5 s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("budstikke.delivery.http.connection-request-timeout-ms")
                .hasMessageContaining("whole number");
    }
}

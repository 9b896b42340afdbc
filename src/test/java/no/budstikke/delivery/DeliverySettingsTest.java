package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import org.junit.jupiter.api.Test;

/** The lease on a claimed notice and its renewal: short by default, and a renewal comes before the lease runs out. */
class DeliverySettingsTest {

    private static DeliverySettings read(Map<String, String> given) {
        return DeliverySettings.from(new HubSettings(key -> Optional.ofNullable(given.get(key))));
    }

    @Test
    void byDefaultALeaseOfSixSecondsIsRenewedEveryTwo() {
        DeliverySettings s = read(Map.of());

        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(6));
        assertThat(s.leaseRenew()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRenewIntervalNotShorterThanTheLeaseIsAConfigErrorNamingBothSettings() {
        assertThatThrownBy(() -> read(Map.of("budstikke.delivery.lease-ms", "3000", "budstikke.delivery.lease-renew-ms", "3000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("budstikke.delivery.lease-renew-ms")
                .hasMessageContaining("budstikke.delivery.lease-ms")
                .hasMessageContaining("expected 1 to 2999 ms");
        assertThatThrownBy(() -> read(Map.of("budstikke.delivery.lease-renew-ms", "0"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void aLongerLeaseMayBeRenewedLessOften() {
        DeliverySettings s = read(Map.of("budstikke.delivery.lease-ms", "30000", "budstikke.delivery.lease-renew-ms", "10000"));

        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.leaseRenew()).isEqualTo(Duration.ofSeconds(10));
    }
}

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

    @Test
    void byDefaultAnOfficeHoldsTwoSendersAndOneIsKeptForUrgentNotices() {
        DeliverySettings s = read(Map.of());

        assertThat(s.maxSendersPerOffice()).isEqualTo(2);
        assertThat(s.urgentSenders()).isEqualTo(1);
        assertThat(s.outcomeBatch()).isEqualTo(100);
        assertThat(s.outcomeLinger()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void moreSendersPerOfficeOrForUrgentNoticesThanThereAreSendersIsAConfigErrorNamingTheSetting() {
        assertThatThrownBy(() -> read(Map.of("budstikke.delivery.concurrency", "4", "budstikke.delivery.max-senders-per-office", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("budstikke.delivery.max-senders-per-office")
                .hasMessageContaining("expected 1 to 4");
        assertThatThrownBy(() -> read(Map.of("budstikke.delivery.concurrency", "4", "budstikke.delivery.urgent-senders", "4")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("budstikke.delivery.urgent-senders")
                .hasMessageContaining("expected 0 to 3");
        assertThatThrownBy(() -> read(Map.of("budstikke.delivery.outcome-batch", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("budstikke.delivery.outcome-batch");
        assertThatThrownBy(() -> read(Map.of("budstikke.delivery.outcome-flush-ms", "5000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("budstikke.delivery.outcome-flush-ms");
    }

    @Test
    void aSingleSenderKeepsNoneForUrgentNoticesUnlessTold() {
        DeliverySettings s = read(Map.of("budstikke.delivery.concurrency", "1"));

        assertThat(s.urgentSenders()).isZero();
        assertThat(s.maxSendersPerOffice()).isEqualTo(1);
        assertThatThrownBy(() -> read(Map.of("budstikke.delivery.concurrency", "1", "budstikke.delivery.urgent-senders", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected 0 to 0");
    }
}

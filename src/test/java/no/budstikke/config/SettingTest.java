package no.budstikke.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingTest {

    private static HubSettings given(Map<String, String> values) {
        return new HubSettings(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void aGivenValueWinsOverTheDefaultAndBlankCountsAsNotGiven() {
        Setting<Integer> pool = Setting.wholeNumber("budstikke.db.pool-size", 10);
        assertThat(pool.in(given(Map.of("budstikke.db.pool-size", " 3 ")))).isEqualTo(3);
        assertThat(pool.in(given(Map.of("budstikke.db.pool-size", " ")))).isEqualTo(10);
        assertThat(pool.in(given(Map.of()))).isEqualTo(10);
    }

    @Test
    void aBadValueNamesTheSettingAndWhatIsExpected() {
        assertThatThrownBy(() -> Setting.wholeNumber("budstikke.db.pool-size", 10).in(given(Map.of("budstikke.db.pool-size", "ten"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting 'budstikke.db.pool-size' must be a whole number, got 'ten'");
        assertThatThrownBy(() -> Setting.size("budstikke.quarantine.raw-cap", 1).in(given(Map.of("budstikke.quarantine.raw-cap", "1GB"))))
                .hasMessageContaining("must be a size such as 1048576, 512KiB or 1MiB, got '1GB'");
        assertThatThrownBy(() -> Setting.flag("budstikke.duf.enabled", false).in(given(Map.of("budstikke.duf.enabled", "yes"))))
                .hasMessage("setting 'budstikke.duf.enabled' must be true or false, got 'yes'");
        assertThatThrownBy(() -> Setting.number("budstikke.delivery.retry.mail.jitter", 0.2)
                .in(given(Map.of("budstikke.delivery.retry.mail.jitter", "a lot"))))
                .hasMessage("setting 'budstikke.delivery.retry.mail.jitter' must be a number such as 0.2, got 'a lot'");
    }

    @Test
    void aSettingWithoutDefaultIsRequiredWhereItIsRead() {
        Setting<String> from = Setting.text("budstikke.mail.from");
        assertThat(from.defaultValue()).isEmpty();
        assertThat(from.given(given(Map.of()))).isEmpty();
        assertThatThrownBy(() -> from.in(given(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting 'budstikke.mail.from' is required but not set");
    }
}

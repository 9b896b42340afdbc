package no.budstikke.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import no.budstikke.config.ConfigException;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void addressesAndRangesOfBothFamiliesAreMatched() {
        TrustedProxies p = TrustedProxies.parse("10.0.4.0/24, 192.168.1.7, fd00::/64");

        assertThat(p.allows("10.0.4.1")).isTrue();
        assertThat(p.allows("10.0.4.255")).isTrue();
        assertThat(p.allows("10.0.5.1")).isFalse();
        assertThat(p.allows("192.168.1.7")).isTrue();
        assertThat(p.allows("192.168.1.8")).isFalse();
        assertThat(p.allows("fd00::1")).isTrue();
        assertThat(p.allows("fd00:0:0:1::1")).isFalse();
        assertThat(p.allows(null)).isFalse();
        assertThat(p.allows("proxy.example")).as("a name is never looked up").isFalse();
    }

    @Test
    void noneListedAllowsEveryAddress() {
        assertThat(TrustedProxies.parse("").allows("203.0.113.9")).isTrue();
        assertThat(TrustedProxies.parse("").any()).isFalse();
    }

    @Test
    void namesBadPrefixesAndTheTrustEveryoneRangeAreRefused() {
        Throwable t = catchThrowable(() -> TrustedProxies.parse("proxy.example, 10.0.0.0/33, 0.0.0.0/0"));

        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(t.getMessage().split("\n")).hasSize(3);
        assertThat(t.getMessage()).contains("setting 'budstikke.http.trusted-proxies': 'proxy.example' is no IP address")
                .contains("'10.0.0.0/33' has a prefix length outside 1-32").contains("'0.0.0.0/0'").contains("trust every address");
    }
}

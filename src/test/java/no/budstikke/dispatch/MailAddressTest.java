package no.budstikke.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailAddressTest {

    @Test
    void plainAddressesAreAccepted() {
        for (String ok : new String[] {"kari.nordmann@example.org", "per+hansen@advokat.example.no", "a@b-c.xn--mgbh0fb.example"}) {
            assertThat(MailAddress.acceptable(ok)).as(ok).isTrue();
        }
    }

    @Test
    void ipLiteralsSourceRoutesLookalikesAndOddFormsAreRefused() {
        for (String bad : new String[] {"kari@[10.0.0.1]", "kari@[IPv6:::1]", "kari@10.0.0.1", "@relay.example:kari@example.org",
                "@a.example,@b.example:kari@example.org", "kari@exаmple.org" /* Cyrillic а */, "\"kari\"@example.org",
                "kari@example.org,ola@evil.example", "kari@example.org\r\nBcc: x@evil.example", "kari..n@example.org",
                ".kari@example.org", "kari@-example.org", "kari@example", "kari@localhost", "Kari <kari@example.org>",
                "kari@example.org.", "", " kari@example.org", null}) {
            assertThat(MailAddress.acceptable(bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}

package no.budstikke.delivery.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SftpAddressTest {

    @Test
    void directoryAddressIsReadWithDefaultPortAndNoUser() {
        SftpAddress a = SftpAddress.parse("sftp://sftp.example/politi/vest/inbound");

        assertThat(a).isEqualTo(new SftpAddress("sftp.example", 22, Optional.empty(), "politi/vest/inbound"));
    }

    @Test
    void userAndPortAreTakenFromTheAddress() {
        SftpAddress a = SftpAddress.parse("sftp://pu-budstikke@sftp.example:2222/pu/inbound/");

        assertThat(a).isEqualTo(new SftpAddress("sftp.example", 2222, Optional.of("pu-budstikke"), "pu/inbound"));
        assertThat(a.userOr("budstikke")).isEqualTo("pu-budstikke");
    }

    @Test
    void hubUserIsUsedWhenTheAddressNamesNone() {
        assertThat(SftpAddress.parse("sftp://10.0.0.7/inbound").userOr("budstikke")).isEqualTo("budstikke");
    }

    @Test
    void schemeAndHostAreCaseInsensitive() {
        SftpAddress a = SftpAddress.parse("SFTP://SFTP.Example/inbound");

        assertThat(a.host()).isEqualTo("sftp.example");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://sftp.example/inbound | is not an sftp:// address",
            "ftp://sftp.example/inbound | is not an sftp:// address",
            "/politi/vest/inbound | is not an sftp:// address",
            "' ' | is empty",
            "sftp://sftp.example | names no folder",
            "sftp://sftp.example/ | names no folder",
            "sftp://user:secret@sftp.example/inbound | must not carry a password",
            "sftp://sftp.example/inbound?privateKeyFile=/etc/ssh/key | must not have a query or fragment",
            "sftp://sftp.example/inbound#x | must not have a query or fragment",
            "sftp://sftp.example/../etc | has an unusable folder name",
            "sftp://sftp.example/inbound/../../etc | has an unusable folder name",
            "sftp://sftp.example/inbound//deeper | has an unusable folder name",
            "sftp://sftp.example/~/inbound | has an unusable folder name",
            "sftp://sftp.example/in%2F..%2Fbound | has an unusable folder name",
            "sftp://sftp.example/in bound | has an unusable folder name",
            "sftp://sftp.example:0/inbound | has a port outside 1-65535",
            "sftp://sftp.example:65536/inbound | has a port outside 1-65535",
            "sftp://sftp.example:ssh/inbound | has an unusable port",
            "sftp://sftp.example:/inbound | has an unusable port",
            "sftp://[::1]/inbound | uses an IPv6 literal; use a host name",
            "sftp:///inbound | has an unusable host name",
            "sftp://sftp_example/inbound | has an unusable host name",
            "sftp://bad&user@sftp.example/inbound | has an unusable user name",
            "sftp://${body}@sftp.example/inbound | has an unusable user name",
    })
    void unusableAddressIsRefusedWithItsReason(String address, String reason) {
        assertThatThrownBy(() -> SftpAddress.parse(address))
                .isInstanceOf(SftpTargetException.class)
                .hasMessage("the SFTP address " + reason);
    }

    @Test
    void missingAddressIsRefused() {
        assertThatThrownBy(() -> SftpAddress.parse(null)).isInstanceOf(SftpTargetException.class).hasMessage("the SFTP address is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sftp://sftp.example/politi/vest/inbound", "sftp://budstikke@sftp.example:2222/pu/inbound"})
    void refusalNeverQuotesTheAddress(String address) {
        assertThatThrownBy(() -> SftpAddress.parse(address.replace("inbound", "in bound")))
                .hasMessageNotContaining("sftp.example").hasMessageNotContaining("politi").hasMessageNotContaining("budstikke@");
    }
}

package no.budstikke.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTargetTest {

    @ParameterizedTest
    @CsvSource({
            "https://api.oslo.politi.example/ema/notices, https://api.oslo.politi.example/ema/notices",
            "HTTPS://api.udi.example/regions/ost/notices, https://api.udi.example/regions/ost/notices",
            "http://127.0.0.1:8089/inbound,               http://127.0.0.1:8089/inbound",
            "https://[::1]:8443/x,                        https://[::1]:8443/x",
            "https://mottak.example,                      https://mottak.example",
            "'  https://mottak.example/a%20b  ',          https://mottak.example/a%20b"})
    void anHttpOrHttpsUrlIsDeliveredTo(String address, String target) {
        assertThat(HttpTarget.of("office", address)).isEqualTo(target);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://files.example/inbound              | must be an http or https URL, not 'ftp'",
            "file:/etc/passwd                         | must be an http or https URL, not 'file'",
            "mailto:postmottak@statsforvalter.example | must be an http or https URL, not 'mailto'",
            "sftp://sftp.example/pu/inbound           | must be an http or https URL, not 'sftp'",
            "direct:elsewhere                         | must be an http or https URL, not 'direct'",
            "api.udi.example/notices                  | must be an http or https URL, not '(none)'",
            "https:///no-host                         | has no valid host",
            "https:opaque                             | has no valid host",
            "https://user:pw@api.udi.example/notices  | must not carry credentials",
            "https://api.udi.example/n?token=abc      | must not have a query string",
            "https://api.udi.example/n?bridgeEndpoint=false | must not have a query string",
            "https://api.udi.example/n#part           | must not have a fragment",
            "https://api.udi.example/{{secret}}       | is not a valid URL",
            "https://api.udi.example/a b              | is not a valid URL"})
    void anythingElseIsRefusedNamingTheOfficeButNotTheUrl(String address, String reason) {
        assertThatThrownBy(() -> HttpTarget.of("udi-region-ost", address))
                .isInstanceOf(HttpAddressException.class)
                .hasMessageStartingWith("office 'udi-region-ost': ")
                .hasMessageContaining(reason)
                .hasMessageNotContaining("api.udi.example").hasMessageNotContaining("passwd")
                .hasMessageNotContaining("token").hasMessageNotContaining("pw@");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "   ")
    void noAddressIsRefused(String address) {
        assertThatThrownBy(() -> HttpTarget.of("imdi-ost", address))
                .isInstanceOf(HttpAddressException.class).hasMessage("office 'imdi-ost': has no address");
    }
}

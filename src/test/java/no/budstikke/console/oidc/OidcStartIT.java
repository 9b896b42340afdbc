package no.budstikke.console.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Map;
import no.budstikke.config.ConfigException;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestDatabases.Kind;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hub reads the OpenID Connect settings at start: a mistake stops it naming the setting. */
class OidcStartIT {

    private static final String P = "budstikke.console.oidc.";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "budstikke.console.oidc.issuer, login.microsoftonline.com/tenant/v2.0, must be an absolute http(s) URL",
        "budstikke.console.oidc.redirect-uri, /console/oidc, must be an absolute http(s) URL",
        "budstikke.console.oidc.client-id, '', is required when budstikke.console.oidc.issuer is set",
        "budstikke.console.oidc.client-auth, private_key_jwt, must be client_secret_basic or client_secret_post"
    })
    void aMistypedSettingStopsTheHubNamingIt(String key, String value, String expected) {
        Map<String, String> settings = configured();
        settings.put(key, value);

        assertThat(startFailure(settings)).contains("'" + key + "'").contains(expected);
    }

    @Test
    void aClientIdWithoutAnIssuerStopsTheHub() {
        Map<String, String> settings = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
        settings.put(P + "client-id", "budstikke-console");

        assertThat(startFailure(settings)).contains("'" + P + "client-id' is set but " + P + "issuer is not");
    }

    @Test
    void aHubWithAnIssuerStartsWithItsSettingsBound() {
        try (TestHub hub = TestHub.start(configured())) {
            OidcSettings bound = hub.bean("oidcSettings", OidcSettings.class);
            assertThat(bound.issuer()).hasToString("https://login.example/tenant/v2.0");
            assertThat(bound.clientId()).isEqualTo("budstikke-console");
        }
    }

    @Test
    void aHubWithoutAnIssuerBindsNoOidcSettings() {
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir)))) {
            assertThat(hub.context().getRegistry().lookupByName("oidcSettings")).isNull();
        }
    }

    private Map<String, String> configured() {
        Map<String, String> s = TestHub.defaults(dir, TestDatabases.freshUrl(Kind.H2, dir));
        s.put(P + "issuer", "https://login.example/tenant/v2.0");
        s.put(P + "client-id", "budstikke-console");
        s.put(P + "client-secret", "s3cret");
        s.put(P + "redirect-uri", "https://budstikke.test/console/oidc");
        return s;
    }

    private static String startFailure(Map<String, String> settings) {
        Throwable thrown = catchThrowable(() -> TestHub.start(settings).close());
        assertThat(thrown).as("the hub started, but it should have refused").isNotNull();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) return t.getMessage();
        }
        throw new AssertionError("no ConfigException in the cause chain", thrown);
    }
}

package no.budstikke.console.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.SecretFiles;
import no.budstikke.console.oidc.OidcSettings.ClientAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcSettingsTest {

    private static final String P = "budstikke.console.oidc.";
    private final Map<String, String> given = new HashMap<>(Map.of(
            P + "issuer", "https://login.microsoftonline.com/9d3c0f52-1111-4a2b-8c3d-000000000000/v2.0",
            P + "client-id", "budstikke-console",
            P + "client-secret", "s3cret",
            P + "redirect-uri", "https://budstikke.udi.no/console/oidc"));

    private Optional<OidcSettings> read() {
        return OidcSettings.from(new HubSettings(k -> Optional.ofNullable(given.get(k))));
    }

    private String refusal() {
        return assertThatThrownBy(this::read).isInstanceOf(ConfigException.class).actual().getMessage();
    }

    @Test
    void offWhileNoIssuerIsSet() {
        given.clear();
        assertThat(read()).isEmpty();
    }

    @Test
    void aClientWithoutAnIssuerStopsTheStartNamingBoth() {
        given.remove(P + "issuer");
        assertThat(refusal()).contains("'budstikke.console.oidc.client-id' is set but budstikke.console.oidc.issuer is not",
                "'budstikke.console.oidc.redirect-uri'", "'budstikke.console.oidc.client-secret'");
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        OidcSettings s = read().orElseThrow();
        assertThat(s.issuer()).isEqualTo(URI.create(given.get(P + "issuer")));
        assertThat(s.clientAuth()).isEqualTo(ClientAuth.CLIENT_SECRET_BASIC);
        assertThat(s.scopes()).containsExactly("openid", "profile");
        assertThat(s.roleClaim()).isEqualTo("roles");
        assertThat(s.nameClaim()).isEqualTo("preferred_username");
        assertThat(s.roleValues()).isEqualTo(Map.of("staff", Set.of("staff"), "ops", Set.of("ops"), "ops-pii", Set.of("ops-pii")));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.maxBytes()).isEqualTo(256 * 1024);
        assertThat(s.loginLifetime()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anIssuerThatIsNoUrlStopsTheStartNamingTheKey() {
        given.put(P + "issuer", "login.microsoftonline.com/tenant");
        assertThat(refusal()).contains("'budstikke.console.oidc.issuer' must be an absolute http(s) URL");
        given.put(P + "issuer", "https://exa mple.no");
        assertThat(refusal()).contains("'budstikke.console.oidc.issuer' is not a URL");
    }

    @Test
    void aPlainHttpIssuerIsRefusedInProductionOnly() {
        given.put(P + "issuer", "http://localhost:8080/default");
        assertThat(read()).isPresent();
        given.put("budstikke.profile", "production");
        assertThat(refusal()).contains("'budstikke.console.oidc.issuer': the production profile refuses plain http");
    }

    @Test
    void aRedirectUriThatIsNotAbsoluteStopsTheStart() {
        given.put(P + "redirect-uri", "/console/oidc");
        assertThat(refusal()).contains("'budstikke.console.oidc.redirect-uri' must be an absolute http(s) URL");
    }

    @Test
    void everyMissingPartOfTheClientIsListedAtOnce() {
        given.remove(P + "client-id");
        given.remove(P + "client-secret");
        given.remove(P + "redirect-uri");
        assertThat(refusal()).contains("'budstikke.console.oidc.client-id' is required when budstikke.console.oidc.issuer is set",
                "'budstikke.console.oidc.client-secret' is required", "'budstikke.console.oidc.redirect-uri' is required");
    }

    @Test
    void theClientSecretIsReadFromItsFileWithoutTheLineBreak(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("console-oidc-secret");
        Files.writeString(file, "from-the-file\n");
        given.remove(P + "client-secret");
        given.put(P + "client-secret-file", file.toString());
        HubSettings settings = new HubSettings(k -> Optional.ofNullable(given.get(k)));
        Map<String, String> secrets = SecretFiles.read(settings);
        for (Map.Entry<String, String> secret : secrets.entrySet()) settings = settings.with(secret.getKey(), secret.getValue());

        assertThat(OidcSettings.from(settings).orElseThrow().clientSecret()).isEqualTo("from-the-file");
    }

    @Test
    void theSecretStaysOutOfToString() {
        assertThat(read().orElseThrow().toString()).doesNotContain("s3cret").contains("budstikke-console");
    }

    @Test
    void aMistypedClientAuthenticationStopsTheStart() {
        given.put(P + "client-auth", "basic");
        assertThat(refusal()).contains("'budstikke.console.oidc.client-auth' must be client_secret_basic or client_secret_post, got 'basic'");
        given.put(P + "client-auth", "client_secret_post");
        assertThat(read().orElseThrow().clientAuth()).isEqualTo(ClientAuth.CLIENT_SECRET_POST);
    }

    @Test
    void scopesWithoutOpenidStopTheStart() {
        given.put(P + "scopes", "profile email");
        assertThat(refusal()).contains("'budstikke.console.oidc.scopes' must contain 'openid'");
    }

    @Test
    void roleValuesAreCommaSeparatedClaimValues() {
        given.put(P + "role-claim", "groups");
        given.put(P + "role.ops", " 1f2e3d4c-0000-4000-8000-000000000001 , 1f2e3d4c-0000-4000-8000-000000000002");
        OidcSettings s = read().orElseThrow();
        assertThat(s.roleValues().get("ops")).containsExactlyInAnyOrder("1f2e3d4c-0000-4000-8000-000000000001",
                "1f2e3d4c-0000-4000-8000-000000000002");
        assertThat(s.roleValues().get("staff")).containsExactly("staff");
        given.put(P + "role.ops", " , ");
        assertThat(refusal()).contains("'budstikke.console.oidc.role.ops' must list at least one claim value");
    }

    @Test
    void aClaimNameWithSpacesStopsTheStart() {
        given.put(P + "name-claim", "preferred username");
        assertThat(refusal()).contains("'budstikke.console.oidc.name-claim' must be one claim name");
    }

    @Test
    void aNationalIdentityNumberIsNeverTheNameClaim() {
        given.put(P + "name-claim", "pid");
        assertThat(refusal()).contains("'budstikke.console.oidc.name-claim' names 'pid', a national identity number");
    }

    @Test
    void boundsOutsideTheirRangeStopTheStartNamingEachKey() {
        given.put(P + "timeout-ms", "0");
        given.put(P + "max-bytes", "100MiB");
        given.put(P + "login-minutes", "ten");
        assertThat(refusal()).contains("'budstikke.console.oidc.timeout-ms' must lie between 100 and 60000, got 0",
                "'budstikke.console.oidc.max-bytes' must lie between 1KiB and 10MiB",
                "'budstikke.console.oidc.login-minutes' must be a whole number, got 'ten'");
    }

    @Test
    void theRolesAreTheConsolesThree() {
        assertThat(OidcSettings.ROLES).isEqualTo(List.of("staff", "ops", "ops-pii"));
    }
}

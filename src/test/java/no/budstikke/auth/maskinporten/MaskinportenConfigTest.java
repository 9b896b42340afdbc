package no.budstikke.auth.maskinporten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.budstikke.auth.ApiKeyFile;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything in the Maskinporten settings and maskinporten.json that can be mistyped stops the start by name. */
class MaskinportenConfigTest {

    @TempDir
    Path dir;

    @Test
    void withoutAnIssuerMaskinportenIsOffAndNoFileIsNeeded() {
        assertThat(Maskinporten.load(settings(Map.of()), dir)).isEmpty();
    }

    @Test
    void aHalfConfigurationIsRefusedRatherThanSilentlyOff() {
        assertThatThrownBy(() -> Maskinporten.load(settings(Map.of("audience", "https://budstikke.test")), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'budstikke.maskinporten.audience' is set but budstikke.maskinporten.issuer is not");
    }

    @Test
    void anIssuerNeedsAudienceScopeAndExactlyOneKeySourceAllReportedAtOnce() {
        assertThatThrownBy(() -> Maskinporten.load(settings(Map.of("issuer", "https://maskinporten.no/")), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'budstikke.maskinporten.audience' is required")
                .hasMessageContaining("'budstikke.maskinporten.scope' is required")
                .hasMessageContaining("expected exactly one");
        Map<String, String> both = new HashMap<>(valid());
        both.put("jwks-url", "https://maskinporten.no/jwk");
        assertThatThrownBy(() -> Maskinporten.load(settings(both), dir)).hasMessageContaining("expected exactly one");
    }

    @Test
    void noneHmacAndUnknownAlgorithmsAreRefusedByName() {
        Map<String, String> s = new HashMap<>(valid());
        s.put("algorithms", "RS256, HS256, none, XX1");
        assertThatThrownBy(() -> Maskinporten.load(settings(s), dir))
                .hasMessageContaining("'HS256' is not accepted")
                .hasMessageContaining("'none' is not accepted")
                .hasMessageContaining("'XX1' is not accepted");
    }

    @Test
    void boundsAndUrlsAreChecked() {
        Map<String, String> s = new HashMap<>(valid());
        s.remove("jwks-file");
        s.put("jwks-url", "ftp://maskinporten.no/jwk");
        s.put("clock-skew-seconds", "3600");
        s.put("jwks-timeout-ms", "ten");
        s.put("scope", "a b");
        assertThatThrownBy(() -> Maskinporten.load(settings(s), dir))
                .hasMessageContaining("'budstikke.maskinporten.jwks-url' must be an http(s) URL")
                .hasMessageContaining("'budstikke.maskinporten.clock-skew-seconds' must lie between 0 and 300, got 3600")
                .hasMessageContaining("'budstikke.maskinporten.jwks-timeout-ms' must be a whole number")
                .hasMessageContaining("'budstikke.maskinporten.scope' must be one scope");
    }

    @Test
    void aMissingConsumersFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\": []}");
        assertThatThrownBy(() -> Maskinporten.load(settings(valid()), dir))
                .hasMessageContaining(dir.resolve("maskinporten.json") + ": not found");
    }

    @Test
    void everyBadConsumerEntryIsReportedWithItsPointer() throws Exception {
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\": []}");
        Files.writeString(dir.resolve("maskinporten.json"), """
                {"consumers": [
                  {"name": "oslo", "organisation": "974760673", "sources": ["urn:no:udi:mot:centre:C-0301-*"]},
                  {"name": "oslo", "organisation": "974760674", "sources": ["urn:no:udi:mot:centre:C-0301-*"]},
                  {"name": "again", "organisation": "974760673", "sources": ["urn:no:udi:mot:centre:C-0301-01"]},
                  {"name": "hub", "organisation": "889640782", "sources": ["urn:no:budstikke:alerts"]},
                  {"name": "none", "organisation": 889640782, "sources": []}
                ]}
                """);
        String file = dir.resolve("maskinporten.json").toString();
        assertThatThrownBy(() -> Maskinporten.load(settings(valid()), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + " at /consumers/1/name: 'oslo' is used twice")
                .hasMessageContaining(file + " at /consumers/1/organisation: expected the consumer's 9-digit organisation number")
                .hasMessageContaining(file + " at /consumers/2/organisation: the organisation is configured twice")
                .hasMessageContaining(file + " at /consumers/3/sources/0: expected a source starting with urn:no:udi:")
                .hasMessageContaining(file + " at /consumers/4/sources: expected a non-empty array");
    }

    @Test
    void aValidConfigurationLoadsItsConsumers() throws Exception {
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\": []}");
        Files.writeString(dir.resolve("maskinporten.json"), """
                {"consumers": [{"name": "oslo", "organisation": "974760673", "sources": ["urn:no:udi:mot:centre:C-0301-*"]}]}
                """);
        Maskinporten m = Maskinporten.load(settings(valid()), dir).orElseThrow();
        assertThat(m.consumers()).containsOnlyKeys("974760673");
        assertThat(m.settings().clockSkew()).hasSeconds(30);
    }

    @Test
    void aConsumerMayNotShareItsNameWithAnApiKey() throws Exception {
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\": []}");
        Files.writeString(dir.resolve("maskinporten.json"), """
                {"consumers": [{"name": "centre-C-0301-01", "organisation": "974760673", "sources": ["urn:no:udi:mot:centre:C-0301-01"]},
                               {"name": "oslo", "organisation": "889640782", "sources": ["urn:no:udi:mot:centre:C-0301-02"]}]}
                """);
        Path keysFile = Path.of("src/test/resources/test-api-keys.json");
        Maskinporten m = Maskinporten.load(settings(valid()), dir).orElseThrow();

        assertThatThrownBy(() -> m.checkNamesApartFrom(ApiKeyFile.load(keysFile).names(), keysFile))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the names [centre-C-0301-01] are also names in " + keysFile);
    }

    @Test
    void organisationNumbersCarryAModulus11CheckDigit() {
        assertThat(OrganisationNumber.isValid("974760673")).isTrue();
        assertThat(OrganisationNumber.isValid("974760674")).isFalse();
        assertThat(OrganisationNumber.isValid("97476067")).isFalse();
        assertThat(OrganisationNumber.ofConsumerId("iso6523-actorid-upis", "0192:974760673")).contains("974760673");
        assertThat(OrganisationNumber.ofConsumerId("iso6523-actorid-upis", "0088:974760673")).isEmpty();
    }

    private static Map<String, String> valid() {
        return Map.of("issuer", "https://maskinporten.no/", "audience", "https://budstikke.test", "scope", "udi:budstikke.events",
                "jwks-file", "jwks.json");
    }

    private static HubSettings settings(Map<String, String> s) {
        return new HubSettings(k -> k.startsWith(MaskinportenSettings.P)
                ? Optional.ofNullable(s.get(k.substring(MaskinportenSettings.P.length()))) : Optional.empty());
    }
}

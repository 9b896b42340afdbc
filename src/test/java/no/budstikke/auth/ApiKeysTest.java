package no.budstikke.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.budstikke.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path dir;

    private final ApiKeys keys = new ApiKeys(List.of(
            new ApiKeys.Entry(ApiKeys.sha256("centre-key"), new Credential("centre", List.of("urn:no:udi:mot:centre:C-0301-01"), false)),
            new ApiKeys.Entry(ApiKeys.sha256("all-key"), new Credential("all", List.of("urn:no:udi:mot:centre:*"), true))));

    @Test
    void aBearerKeyIdentifiesItsCredential() {
        assertThat(keys.authenticate("Bearer centre-key")).get().extracting(Credential::name).isEqualTo("centre");
        assertThat(keys.authenticate("bearer   all-key ")).get().extracting(Credential::name).isEqualTo("all");
    }

    @Test
    void unknownKeysAndOtherSchemesAreRefused() {
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(keys.authenticate("Bearer wrong")).isEmpty();
        assertThat(keys.authenticate("Basic Y2VudHJlLWtleQ==")).isEmpty();
        assertThat(keys.authenticate("centre-key")).isEmpty();
        assertThat(keys.authenticate("Bearer ")).isEmpty();
    }

    @Test
    void aCredentialMayPublishOnlyItsOwnSources() {
        Credential centre = keys.authenticate("Bearer centre-key").orElseThrow();
        assertThat(centre.mayPublish("urn:no:udi:mot:centre:C-0301-01")).isTrue();
        assertThat(centre.mayPublish("urn:no:udi:mot:centre:C-0301-011")).isFalse();
        assertThat(centre.mayPublish("urn:no:udi:duf")).isFalse();
        Credential all = keys.authenticate("Bearer all-key").orElseThrow();
        assertThat(all.mayPublish("urn:no:udi:mot:centre:C-4601-02")).isTrue();
        assertThat(all.mayPublish("urn:no:udi:duf")).isFalse();
    }

    @Test
    void theKeyNeverAppearsInACredentialsText() {
        assertThat(keys.authenticate("Bearer centre-key").orElseThrow().toString()).doesNotContain("centre-key");
    }

    @Test
    void theShippedConfigUsesOnlyTheDocumentedLocalKey() {
        ApiKeys shipped = ApiKeyFile.load(Path.of("config/api-keys.json"));
        assertThat(shipped.usingLocalDevKey()).containsExactly("local-dev");
        assertThat(shipped.authenticate("Bearer " + ApiKeys.LOCAL_DEV_KEY)).isPresent();
    }

    @Test
    void aBadKeyFileIsReportedWithFileAndPointer() throws IOException {
        Path file = dir.resolve("api-keys.json");
        Files.writeString(file, """
                {"keys": [
                  {"name": "a", "sha256": "xyz", "sources": []},
                  {"name": "a", "sha256": "%s", "sources": ["http://elsewhere"], "ops": "yes"}
                ]}""".formatted(ApiKeys.sha256Hex("k")));
        assertThatThrownBy(() -> ApiKeyFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + " at /keys/0/sha256")
                .hasMessageContaining("/keys/1/name: 'a' is used twice")
                .hasMessageContaining("/keys/1/sources/0")
                .hasMessageContaining("/keys/1/ops");
    }

    @Test
    void rolesAreKnownAndOnlyOnOpsEntries() throws IOException {
        Path file = dir.resolve("api-keys.json");
        Files.writeString(file, """
                {"keys": [
                  {"name": "a", "sha256": "%s", "sources": [], "ops": true, "roles": ["ops-pii"]},
                  {"name": "b", "sha256": "%s", "sources": [], "ops": true}
                ]}""".formatted(ApiKeys.sha256Hex("k1"), ApiKeys.sha256Hex("k2")));
        ApiKeys keys = ApiKeyFile.load(file);
        assertThat(keys.authenticate("Bearer k1").orElseThrow().maySeeHealthData()).isTrue();
        assertThat(keys.authenticate("Bearer k2").orElseThrow().maySeeHealthData()).isFalse();

        Files.writeString(file, """
                {"keys": [
                  {"name": "a", "sha256": "%s", "sources": [], "ops": true, "roles": ["ops-pi"]},
                  {"name": "b", "sha256": "%s", "sources": [], "ops": false, "roles": ["ops-pii"]},
                  {"name": "c", "sha256": "%s", "sources": [], "ops": true, "roles": "ops-pii"}
                ]}""".formatted(ApiKeys.sha256Hex("k1"), ApiKeys.sha256Hex("k2"), ApiKeys.sha256Hex("k3")));
        assertThatThrownBy(() -> ApiKeyFile.load(file))
                .hasMessageContaining(file + " at /keys/0/roles/0: unknown role; expected one of [metrics, ops-pii]")
                .hasMessageContaining("/keys/1/roles: roles widen the ops API and need \"ops\": true")
                .hasMessageContaining("/keys/2/roles: expected an array");
    }

    @Test
    void theMetricsRoleNeedsNoOpsAndOpensOnlyTheManagementPort() throws IOException {
        Path file = dir.resolve("api-keys.json");
        Files.writeString(file, """
                {"keys": [
                  {"name": "scraper", "sha256": "%s", "sources": [], "roles": ["metrics"]},
                  {"name": "ops", "sha256": "%s", "sources": [], "ops": true},
                  {"name": "centre", "sha256": "%s", "sources": ["urn:no:udi:mot:centre:C-0301-01"]}
                ]}""".formatted(ApiKeys.sha256Hex("k1"), ApiKeys.sha256Hex("k2"), ApiKeys.sha256Hex("k3")));
        ApiKeys keys = ApiKeyFile.load(file);
        Credential scraper = keys.authenticate("Bearer k1").orElseThrow();
        assertThat(scraper.mayReadManagement()).isTrue();
        assertThat(scraper.ops()).isFalse();
        assertThat(scraper.maySeeHealthData()).isFalse();
        assertThat(keys.authenticate("Bearer k2").orElseThrow().mayReadManagement()).isTrue();
        assertThat(keys.authenticate("Bearer k3").orElseThrow().mayReadManagement()).isFalse();
    }

    @Test
    void aMissingKeyListIsReported() throws IOException {
        Path file = dir.resolve("api-keys.json");
        Files.writeString(file, "{}");
        assertThatThrownBy(() -> ApiKeyFile.load(file)).hasMessageContaining(file + " at /keys");
    }

    @Test
    void newKeysAreRandomAndComeWithTheirHash() {
        String text = NewApiKey.instructions("centre-C-0301-01");
        String key = text.lines().skip(1).findFirst().orElseThrow().trim();
        assertThat(key).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(NewApiKey.generate());
        assertThat(text).contains(ApiKeys.sha256Hex(key)).contains("\"name\": \"centre-C-0301-01\"");
    }
}

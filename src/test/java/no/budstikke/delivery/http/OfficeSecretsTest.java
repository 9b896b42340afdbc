package no.budstikke.delivery.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfficeSecretsTest {

    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.payload.sig-_~+/==";
    static final String OFFICE = "police-oslo";
    static final String SETTING = "budstikke.delivery.auth.police-oslo";

    @TempDir
    Path dir;

    final Map<String, String> settings = new HashMap<>();
    final Map<String, String> environment = new HashMap<>();
    final OfficeSecrets secrets = new OfficeSecrets(key -> Optional.ofNullable(settings.get(key)), environment::get);

    @Test
    void aBearerTokenFromTheEnvironmentBecomesABearerHeader() {
        settings.put(SETTING, "bearer env:POLICE_OSLO_TOKEN");
        environment.put("POLICE_OSLO_TOKEN", TOKEN);

        assertThat(secrets.configured(OFFICE)).isTrue();
        assertThat(secrets.authorization(OFFICE)).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aBearerTokenFromAMountedFileLosesItsTrailingLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        settings.put(SETTING, "bearer file:" + file);

        assertThat(secrets.authorization(OFFICE)).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void basicCredentialsFromTheEnvironmentOrAFileAreBase64Encoded() throws Exception {
        String expected = "Basic " + Base64.getEncoder().encodeToString("hub:pässword:with:colons".getBytes(UTF_8));
        environment.put("PW", "hub:pässword:with:colons");
        settings.put(SETTING, "basic env:PW");
        assertThat(secrets.authorization(OFFICE)).isEqualTo(expected);

        Path file = Files.writeString(dir.resolve("basic"), "hub:pässword:with:colons\r\n");
        settings.put(SETTING, "BASIC file:" + file);
        assertThat(secrets.authorization(OFFICE)).isEqualTo(expected);
    }

    @Test
    void aRotatedFileIsPickedUpAtTheNextUse() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "old-token");
        settings.put(SETTING, "bearer file:" + file);
        assertThat(secrets.authorization(OFFICE)).isEqualTo("Bearer old-token");

        Files.writeString(file, "new-token");

        assertThat(secrets.authorization(OFFICE)).isEqualTo("Bearer new-token");
    }

    @Test
    void anOfficeWithoutASettingIsNotConfigured() {
        settings.put("budstikke.delivery.auth.other-office", "bearer env:X");
        settings.put("budstikke.delivery.auth.blank-office", "  ");

        assertThat(secrets.configured(OFFICE)).isFalse();
        assertThat(secrets.configured("blank-office")).isFalse();
        assertThatThrownBy(() -> secrets.authorization(OFFICE)).isInstanceOf(OfficeSecretException.class)
                .hasMessage("office 'police-oslo': setting 'budstikke.delivery.auth.police-oslo' is not set");
    }

    @Test
    void aMissingEnvironmentVariableNamesTheOfficeAndTheSettingOnly() {
        settings.put(SETTING, "bearer env:POLICE_OSLO_TOKEN");

        assertThatThrownBy(() -> secrets.authorization(OFFICE)).isInstanceOf(OfficeSecretException.class)
                .hasMessage("office 'police-oslo': setting 'budstikke.delivery.auth.police-oslo' names an environment variable that is not set");
    }

    @Test
    void aMissingFileNamesTheOfficeAndTheSettingOnly() {
        settings.put(SETTING, "basic file:" + dir.resolve("not-mounted"));

        assertThatThrownBy(() -> secrets.authorization(OFFICE)).isInstanceOf(OfficeSecretException.class)
                .hasMessage("office 'police-oslo': setting 'budstikke.delivery.auth.police-oslo' names a file that cannot be read (NoSuchFileException)");
    }

    @Test
    void anEmptySecretIsAnError() throws Exception {
        settings.put(SETTING, "bearer file:" + Files.writeString(dir.resolve("empty"), "\n"));

        assertThatThrownBy(() -> secrets.authorization(OFFICE)).hasMessageEndingWith("names an empty secret");
    }

    /** A secret pasted into the setting itself is never repeated back. */
    @ParameterizedTest
    @ValueSource(strings = {TOKEN, "bearer " + TOKEN, "Bearer " + TOKEN, "token env:" + TOKEN, "bearer env:", "basic hub:" + TOKEN})
    void aMalformedSettingIsRefusedWithoutRepeatingItsValue(String value) {
        settings.put(SETTING, value);

        assertThatThrownBy(() -> secrets.authorization(OFFICE)).isInstanceOf(OfficeSecretException.class)
                .hasMessageContaining(SETTING).hasMessageContaining("must be 'bearer env:NAME'")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aBearerSecretThatIsNotATokenIsRefusedWithoutRepeatingIt() {
        settings.put(SETTING, "bearer env:T");
        environment.put("T", "two words\r\nX-Injected: 1");

        assertThatThrownBy(() -> secrets.authorization(OFFICE)).isInstanceOf(OfficeSecretException.class)
                .hasMessageEndingWith("names a secret that is not a valid bearer token")
                .hasMessageNotContaining("two words");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-colon-" + "s3cret", ":s3cret", "hub:s3cret\nX-Injected: 1"})
    void aBasicSecretThatIsNotUserColonPasswordIsRefusedWithoutRepeatingIt(String secret) {
        settings.put(SETTING, "basic env:PW");
        environment.put("PW", secret);

        assertThatThrownBy(() -> secrets.authorization(OFFICE)).isInstanceOf(OfficeSecretException.class)
                .hasMessageEndingWith("names a secret that is not 'user:password'")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void toStringHoldsNoSecret() {
        settings.put(SETTING, "bearer env:POLICE_OSLO_TOKEN");
        environment.put("POLICE_OSLO_TOKEN", TOKEN);
        secrets.authorization(OFFICE);

        assertThat(secrets.toString()).doesNotContain(TOKEN).doesNotContain("POLICE_OSLO_TOKEN");
    }
}

package no.budstikke.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading budstikke.tls.*: each unusable setting stops the start with its name and what it expects. */
class ListenerTlsTest {

    @TempDir
    static Path dir;
    static TestCertificates.Pair server;
    static TestCertificates.Pair other;

    @BeforeAll
    static void certificates() {
        server = TestCertificates.selfSigned(dir, "server", "CN=localhost");
        other = TestCertificates.selfSigned(dir, "other", "CN=other");
    }

    private static HubSettings settings(Map<String, String> values) {
        return new HubSettings(k -> Optional.ofNullable(values.get(k)));
    }

    private static Map<String, String> pkcs12() {
        Map<String, String> s = new HashMap<>();
        s.put(ListenerTls.KEYSTORE, server.pkcs12().toString());
        s.put(ListenerTls.KEYSTORE_PASSWORD, TestCertificates.PASSWORD);
        return s;
    }

    private static Map<String, String> pem() {
        Map<String, String> s = new HashMap<>();
        s.put(ListenerTls.CERTIFICATE, server.certificatePem().toString());
        s.put(ListenerTls.PRIVATE_KEY, server.privateKeyPem().toString());
        return s;
    }

    private static String failure(Map<String, String> values) {
        Throwable t = catchThrowable(() -> ListenerTls.from(settings(values)));
        assertThat(t).isInstanceOf(ConfigException.class);
        return t.getMessage();
    }

    @Test
    void withoutAKeyTheListenerSpeaksPlainHttp() {
        assertThat(ListenerTls.from(settings(Map.of()))).isEmpty();
    }

    @Test
    void aPkcs12KeystoreAndPemFilesGiveTheSameKeyWithTls12And13Only() throws Exception {
        ListenerTls fromP12 = ListenerTls.from(settings(pkcs12())).orElseThrow();
        ListenerTls fromPem = ListenerTls.from(settings(pem())).orElseThrow();

        assertThat(fromP12.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(fromP12.clientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(fromP12.keyStore().getCertificate(ListenerTls.KEY_ALIAS))
                .isEqualTo(fromPem.keyStore().getCertificate(ListenerTls.KEY_ALIAS));
        assertThat(fromPem.keyStore().getKey(ListenerTls.KEY_ALIAS, fromPem.keyPassword())).isNotNull();
        assertThat(new String(fromP12.keyPassword())).as("the file's password stays out of Camel's placeholders")
                .isNotEqualTo(TestCertificates.PASSWORD).matches("[A-Za-z0-9]{32}");
    }

    @Test
    void aMissingKeystoreNamesTheSettingAndTheFile() {
        Map<String, String> s = pkcs12();
        s.put(ListenerTls.KEYSTORE, dir.resolve("nowhere.p12").toString());

        assertThat(failure(s)).isEqualTo("setting 'budstikke.tls.keystore.file': " + dir.resolve("nowhere.p12")
                + " is no file; expected a PKCS12 keystore (.p12)");
    }

    @Test
    void aWrongPasswordNamesThePasswordSettingButNotThePassword() {
        Map<String, String> s = pkcs12();
        s.put(ListenerTls.KEYSTORE_PASSWORD, "not-the-password");

        assertThat(failure(s)).startsWith("setting 'budstikke.tls.keystore.password': it does not open " + server.pkcs12())
                .doesNotContain("not-the-password").doesNotContain(TestCertificates.PASSWORD);
    }

    @Test
    void aFileThatIsNoKeystoreIsNamed() throws IOException {
        Map<String, String> s = pkcs12();
        s.put(ListenerTls.KEYSTORE, server.certificatePem().toString());

        assertThat(failure(s)).contains("budstikke.tls.keystore.file").contains("is no PKCS12 keystore");
    }

    @Test
    void aPemCertificateWithoutItsKeyIsRefused() {
        Map<String, String> s = pem();
        s.remove(ListenerTls.PRIVATE_KEY);

        assertThat(failure(s)).startsWith("setting 'budstikke.tls.private-key-file': budstikke.tls.certificate-file is given "
                + "without its private key");
    }

    @Test
    void aPemKeyThatBelongsToAnotherCertificateIsRefused() {
        Map<String, String> s = pem();
        s.put(ListenerTls.PRIVATE_KEY, other.privateKeyPem().toString());

        assertThat(failure(s)).startsWith("setting 'budstikke.tls.private-key-file': " + other.privateKeyPem()
                + " is not the key of the first certificate");
    }

    @Test
    void aPemKeyFileWithACertificateInsteadIsRefused() {
        Map<String, String> s = pem();
        s.put(ListenerTls.PRIVATE_KEY, server.certificatePem().toString());

        assertThat(failure(s)).contains("budstikke.tls.private-key-file").contains("holds no private key");
    }

    @Test
    void anOldRsaKeyFormatIsNamedWithHowToConvertIt() throws IOException {
        Path legacy = Files.writeString(dir.resolve("legacy.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Map<String, String> s = pem();
        s.put(ListenerTls.PRIVATE_KEY, legacy.toString());

        assertThat(failure(s)).contains("budstikke.tls.private-key-file").contains("RSA PRIVATE KEY").contains("openssl pkcs8 -topk8");
    }

    @Test
    void aKeystoreAndPemFilesTogetherAreRefused() {
        Map<String, String> s = pkcs12();
        s.putAll(pem());

        assertThat(failure(s)).contains("budstikke.tls.certificate-file").contains("either as a PKCS12 keystore or as PEM files");
    }

    @Test
    void tls11AndOlderAreRefusedByName() {
        Map<String, String> s = pkcs12();
        s.put(ListenerTls.PROTOCOLS, "TLSv1.2, TLSv1.1, TLSv1");

        assertThat(failure(s)).isEqualTo(
                "setting 'budstikke.tls.protocols': 'TLSv1.1' is refused; expected TLSv1.2 and/or TLSv1.3, separated by commas\n"
                        + "setting 'budstikke.tls.protocols': 'TLSv1' is refused; expected TLSv1.2 and/or TLSv1.3, separated by commas");
    }

    @Test
    void tls13AloneIsTaken() {
        Map<String, String> s = pkcs12();
        s.put(ListenerTls.PROTOCOLS, "TLSv1.3");

        assertThat(ListenerTls.from(settings(s)).orElseThrow().protocols()).containsExactly("TLSv1.3");
    }

    @Test
    void clientCertificatesNeedATruststore() {
        Map<String, String> s = pkcs12();
        s.put(ListenerTls.CLIENT_AUTH, "require");

        assertThat(failure(s)).startsWith("setting 'budstikke.tls.truststore.file': budstikke.tls.client-auth asks for client "
                + "certificates but no authority is trusted");
    }

    @Test
    void aTruststoreIsReadAsPemOrPkcs12() throws Exception {
        Map<String, String> s = pkcs12();
        s.put(ListenerTls.CLIENT_AUTH, "request");
        s.put(ListenerTls.TRUSTSTORE, TestCertificates.bundle(dir.resolve("cas.pem"), server, other).toString());
        assertThat(ListenerTls.from(settings(s)).orElseThrow().trustStore().orElseThrow().size()).isEqualTo(2);

        s.put(ListenerTls.TRUSTSTORE, other.pkcs12().toString());
        s.put(ListenerTls.TRUSTSTORE_PASSWORD, "wrong");
        assertThat(failure(s)).startsWith("setting 'budstikke.tls.truststore.password': it does not open " + other.pkcs12());
    }

    @Test
    void anUnknownClientAuthModeIsNamed() {
        Map<String, String> s = pkcs12();
        s.put(ListenerTls.CLIENT_AUTH, "optional");

        assertThat(failure(s)).startsWith("setting 'budstikke.tls.client-auth': 'optional' is not known; expected none, request or require");
    }

    @Test
    void tlsSettingsWithoutAKeyAreRefusedRatherThanIgnored() {
        assertThat(failure(Map.of(ListenerTls.CLIENT_AUTH, "require"))).startsWith("setting 'budstikke.tls.client-auth': TLS is off");
    }
}

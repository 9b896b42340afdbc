package no.budstikke.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import no.budstikke.auth.ApiKeyFile;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.CertificateSubject;
import no.budstikke.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificate subjects in api-keys.json, as compared with a presented certificate's. */
class CertificateSubjectTest {

    @TempDir
    Path dir;

    @Test
    void spacingCaseAndTheFormOfTheOrganisationNumberAttributeDoNotMatter() {
        String configured = CertificateSubject.normalized("CN=Mottak Oslo, O=Oslo kommune, 2.5.4.97=NTRNO-123456789");

        assertThat(CertificateSubject.normalized("cn=mottak oslo,o=Oslo  kommune,OID.2.5.4.97=NTRNO-123456789")).isEqualTo(configured);
        assertThat(CertificateSubject.normalized("CN=Mottak Oslo,O=Oslo kommune,organizationIdentifier=NTRNO-123456789"))
                .as("as openssl -nameopt RFC2253 prints it").isEqualTo(configured);
        assertThat(CertificateSubject.normalized("CN=Mottak Oslo, O=Oslo kommune, 2.5.4.97=NTRNO-987654321")).isNotEqualTo(configured);
    }

    @Test
    void theOrganisationNumberMatchesWhetherTheIssuerEncodedItAsUtf8OrPrintableString() {
        // SEQUENCE { SET { SEQUENCE { OID 2.5.4.97, <string> } } } with a PrintableString (0x13) and a UTF8String (0x0c) value
        X500Principal printable = new X500Principal(name(0x13, "NTRNO-123456789"));
        X500Principal utf8 = new X500Principal(name(0x0c, "NTRNO-123456789"));

        assertThat(printable).as("the JDK itself tells the two apart").isNotEqualTo(utf8);
        assertThat(CertificateSubject.normalized(utf8)).isEqualTo(CertificateSubject.normalized(printable))
                .isEqualTo(CertificateSubject.normalized("2.5.4.97=NTRNO-123456789"));
    }

    @Test
    void theKeysFileRefusesSubjectsThatAreNoNamesWithTheirPointer() throws IOException {
        Path file = dir.resolve("api-keys.json");
        Files.writeString(file, """
                {"keys": [{"name": "centre", "sha256": "%s", "sources": [], "clientCertificates": ["CN=ok", "no name at all", ""]},
                          {"name": "other", "sha256": "%s", "sources": [], "clientCertificates": []}]}
                """.formatted(ApiKeys.sha256Hex("a"), ApiKeys.sha256Hex("b")));

        Throwable t = catchThrowable(() -> ApiKeyFile.load(file));

        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(List.of(t.getMessage().split("\n"))).containsExactly(
                file + " at /keys/0/clientCertificates/1: not a certificate subject; expected an X.500 name such as "
                        + "\"CN=Mottak Bergen, O=Bergen kommune, 2.5.4.97=NTRNO-123456789\"",
                file + " at /keys/0/clientCertificates/2: not a certificate subject; expected an X.500 name such as "
                        + "\"CN=Mottak Bergen, O=Bergen kommune, 2.5.4.97=NTRNO-123456789\"",
                file + " at /keys/1/clientCertificates: empty; expected at least one subject, or the field left out");
    }

    @Test
    void theKeysFileKeepsEachSendersSubjects() throws IOException {
        Path file = dir.resolve("api-keys.json");
        Files.writeString(file, """
                {"keys": [{"name": "centre", "sha256": "%s", "sources": [], "clientCertificates": ["CN=Mottak Oslo, 2.5.4.97=NTRNO-1"]},
                          {"name": "plain", "sha256": "%s", "sources": []}]}
                """.formatted(ApiKeys.sha256Hex("a"), ApiKeys.sha256Hex("b")));

        ApiKeys keys = ApiKeyFile.load(file);

        assertThat(keys.clientCertificates(keys.authenticate("Bearer a").orElseThrow()))
                .containsExactly(CertificateSubject.normalized("CN=Mottak Oslo, 2.5.4.97=NTRNO-1"));
        assertThat(keys.clientCertificates(keys.authenticate("Bearer b").orElseThrow())).isEmpty();
        assertThat(keys.anyClientCertificates()).isTrue();
    }

    /** The DER of a name with one attribute, 2.5.4.97, of the given string type. */
    private static byte[] name(int tag, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] oid = {0x06, 0x03, 0x55, 0x04, 0x61};
        byte[] attribute = concat(new byte[] {0x30, (byte) (oid.length + 2 + v.length)}, oid, new byte[] {(byte) tag, (byte) v.length}, v);
        byte[] set = concat(new byte[] {0x31, (byte) attribute.length}, attribute);
        return concat(new byte[] {0x30, (byte) set.length}, set);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) length += p.length;
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}

package no.budstikke.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and a private key in PEM, as certificate authorities and tools such as cert-manager
 * hand them out. The key must be PKCS#8 ({@code BEGIN PRIVATE KEY}), unencrypted, since it is
 * mounted as a secret; {@code openssl pkcs8 -topk8 -nocrypt} converts an older RSA or EC key file.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private PemFiles() {
    }

    /** Every CERTIFICATE block, in order: for a chain, the listener's own certificate first. */
    static List<X509Certificate> certificates(String pem) throws CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (!m.group(1).equals("CERTIFICATE")) continue;
            certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
        }
        return certificates;
    }

    /**
     * @throws GeneralSecurityException with a reason fit for a person when the file holds no usable key
     */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("PRIVATE KEY")) return pkcs8(decode(m.group(2)));
            if (type.equals("ENCRYPTED PRIVATE KEY")) {
                throw new GeneralSecurityException("holds an encrypted key; expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY), "
                        + "kept safe as a mounted secret");
            }
            if (type.endsWith("PRIVATE KEY")) {
                throw new GeneralSecurityException("holds a '" + type + "'; expected PKCS#8 (BEGIN PRIVATE KEY): "
                        + "convert it with 'openssl pkcs8 -topk8 -nocrypt'");
            }
        }
        throw new GeneralSecurityException("holds no private key; expected a PEM block BEGIN PRIVATE KEY");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("holds a PRIVATE KEY block that is no RSA, EC or EdDSA key");
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    }
}

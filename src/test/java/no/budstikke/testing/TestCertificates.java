package no.budstikke.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Keys and certificates made for a test by the running JDK's own keytool, in PKCS12 and in PEM,
 * and TLS client contexts built from them. Nothing is checked in: every run makes fresh ones.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-store-password";

    /** A key pair and its self-signed certificate. */
    public record Pair(Path pkcs12, Path certificatePem, Path privateKeyPem) {

        public KeyStore keyStore() {
            return load(pkcs12, PASSWORD);
        }
    }

    private TestCertificates() {
    }

    /**
     * A self-signed EC certificate for {@code subject}, valid for 127.0.0.1 and localhost (so it can
     * serve the test hub as well as identify a client), as a PKCS12 keystore and as PEM files.
     */
    public static Pair selfSigned(Path dir, String name, String subject) {
        try {
            Files.createDirectories(dir);
            Path p12 = dir.resolve(name + ".p12");
            keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                    "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", p12.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD);
            KeyStore ks = load(p12, PASSWORD);
            PrivateKey key = (PrivateKey) ks.getKey(name, PASSWORD.toCharArray());
            Certificate certificate = ks.getCertificate(name);
            Path certPem = dir.resolve(name + ".crt");
            Path keyPem = dir.resolve(name + ".key");
            Files.writeString(certPem, pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
            return new Pair(p12, certPem, keyPem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One PEM file holding the certificates of {@code pairs}: a truststore for client certificates. */
    public static Path bundle(Path file, Pair... pairs) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Pair p : pairs) all.append(Files.readString(p.certificatePem()));
        return Files.writeString(file, all);
    }

    /** A TLS client context trusting {@code server}'s certificate, presenting {@code client}'s (null: none). */
    public static SSLContext clientContext(Pair server, Pair client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            KeyStore serverStore = server.keyStore();
            trust.setCertificateEntry("server", serverStore.getCertificate(serverStore.aliases().nextElement()));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(client.keyStore(), PASSWORD.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyStore load(Path p12, String password) {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("keytool failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

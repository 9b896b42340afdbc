package no.budstikke.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/** Reading keystores and key files, bounded, with failures a setting's message can name. */
final class KeyFiles {

    /** A keystore, truststore or PEM file is small; a larger one is a wrong path. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private KeyFiles() {
    }

    /**
     * A password for the in-memory keystore. Camel reads a key password through its property
     * placeholders, which would change one holding "{{"; this one holds letters and digits only.
     */
    static char[] inMemoryPassword() {
        SecureRandom random = new SecureRandom();
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        char[] password = new char[32];
        for (int i = 0; i < password.length; i++) password[i] = letters.charAt(random.nextInt(letters.length()));
        return password;
    }

    /** A keystore holding exactly the listener's key and chain, whatever the source held besides. */
    static KeyStore single(PrivateKey key, Certificate[] chain, char[] password) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        ks.setKeyEntry(ListenerTls.KEY_ALIAS, key, password, chain);
        return ks;
    }

    /** Signs and verifies a few bytes: the only check that works for every key type. */
    static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] probe = "budstikke".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static KeyStore pkcs12(Path file, char[] password) {
        byte[] bytes = bytes(file);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) throw new WrongPassword();
            throw new UnreadableFile("is no PKCS12 keystore");
        } catch (GeneralSecurityException e) {
            throw new UnreadableFile("is no PKCS12 keystore");
        }
    }

    static String text(Path file) {
        return new String(bytes(file), StandardCharsets.US_ASCII);
    }

    static byte[] bytes(Path file) {
        try {
            if (!Files.isRegularFile(file)) throw new UnreadableFile("is no file");
            if (Files.size(file) > MAX_FILE_BYTES) throw new UnreadableFile("is larger than " + MAX_FILE_BYTES + " bytes");
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnreadableFile("cannot be read");
        }
    }

    static final class UnreadableFile extends RuntimeException {
        UnreadableFile(String why) {
            super(why, null, false, false);
        }
    }

    static final class WrongPassword extends RuntimeException {
        WrongPassword() {
            super(null, null, false, false);
        }
    }
}

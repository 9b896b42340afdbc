package no.budstikke.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The public key of a stored event: derived from (source, id), so a repeat gets the same key,
 * and opaque, so it can appear in URLs and logs without saying anything about the case.
 */
public final class EventKey {

    private EventKey() {
    }

    public static String of(String source, String id) {
        return sha256Hex(source + "\n" + id).substring(0, 32);
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

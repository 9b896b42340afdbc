package no.budstikke.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A notice's id is derived from what makes it unique (event, duty, office, copy), so deciding
 * the same event again yields the same ids, and every delivery attempt reuses one idempotency key.
 */
public final class NoticeId {

    private NoticeId() {
    }

    public static String of(String eventKey, String duty, String officeId, boolean copy) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((eventKey + "|" + duty + "|" + officeId + "|" + copy).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

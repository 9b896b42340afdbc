package no.budstikke.auth;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate subject as compared: the canonical X.500 form, with attributes the JDK has no name
 * for (such as 2.5.4.97, organizationIdentifier, which carries the organisation number in a Norwegian
 * enterprise certificate) read as text. The JDK writes those as the hex of their encoding, and an
 * issuer may encode the same text as PrintableString or as UTF8String: both must match one line
 * of api-keys.json.
 */
public final class CertificateSubject {

    /** Names openssl prints that the JDK does not know, by their upper-case keyword. */
    private static final java.util.Map<String, String> KEYWORDS = java.util.Map.of("ORGANIZATIONIDENTIFIER", "2.5.4.97");
    private static final Pattern HEX_VALUE = Pattern.compile("=#([0-9a-f]+)");
    /** DER string types: UTF8String, PrintableString, T61String, IA5String. */
    private static final int[] STRING_TAGS = {0x0c, 0x13, 0x14, 0x16};

    private CertificateSubject() {
    }

    /**
     * @throws IllegalArgumentException when {@code name} is empty or no X.500 name
     */
    public static String normalized(String name) {
        if (name.isBlank()) throw new IllegalArgumentException("an empty subject");
        return normalized(new X500Principal(name, KEYWORDS));
    }

    public static String normalized(X500Principal principal) {
        Matcher m = HEX_VALUE.matcher(principal.getName(X500Principal.CANONICAL));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String text = text(HexFormat.of().parseHex(m.group(1)));
            m.appendReplacement(out, Matcher.quoteReplacement(text == null ? m.group() : "=" + escaped(text)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The text of a short DER string, or null for anything else (left as hex). */
    private static String text(byte[] der) {
        if (der.length < 2 || (der[1] & 0xff) != der.length - 2) return null;
        for (int tag : STRING_TAGS) {
            if ((der[0] & 0xff) == tag) {
                String s = new String(der, 2, der.length - 2, StandardCharsets.UTF_8);
                return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String escaped(String text) {
        return text.replaceAll("([,+\"\\\\<>;=#])", "\\\\$1");
    }
}

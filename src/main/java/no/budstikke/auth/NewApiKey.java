package no.budstikke.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** {@code new-api-key}: makes a random key and prints it with the entry to paste into api-keys.json. */
public final class NewApiKey {

    private NewApiKey() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String instructions(String name) {
        String key = generate();
        return "Give this key to the sender (it is shown only now):\n  " + key + "\n\n"
                + "Add this entry to api-keys.json in the config folder:\n"
                + "  { \"name\": \"" + name + "\", \"sha256\": \"" + ApiKeys.sha256Hex(key) + "\",\n"
                + "    \"sources\": [\"urn:no:udi:mot:centre:<centre id>\"], \"ops\": false }\n";
    }
}

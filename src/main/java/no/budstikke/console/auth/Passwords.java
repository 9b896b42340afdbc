package no.budstikke.console.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.security.SecureRandom;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), the
 * parameters OWASP recommends as a minimum. A hash's own parameters are used to check it, so
 * stronger ones can be introduced without invalidating the users file.
 */
public final class Passwords {

    static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    private static final String PREFIX = "$argon2id$";
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Passwords() {
    }

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /** Whether {@code hash} is an Argon2id PHC string this class can check. */
    public static boolean isArgon2id(String hash) {
        if (hash == null || !hash.startsWith(PREFIX)) return false;
        try {
            Argon2Function.getInstanceFromHash(hash);
            return hash.split("\\$").length == 6;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static boolean matches(String password, String hash) {
        if (password == null || !isArgon2id(hash)) return false;
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** A password of 20 characters from 57 unambiguous letters and digits: about 116 bits. */
    public static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return b.toString();
    }
}

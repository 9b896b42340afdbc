package no.budstikke.auth.maskinporten;

import java.util.Optional;

/**
 * Norwegian organisation numbers: nine digits, the last a modulus-11 check digit, so a mistyped
 * digit in maskinporten.json is caught at start. Maskinporten names the consumer as
 * {@code {"authority": "iso6523-actorid-upis", "ID": "0192:<orgno>"}} (0192 is the Norwegian register).
 */
public final class OrganisationNumber {

    static final String AUTHORITY = "iso6523-actorid-upis";
    static final String NORWAY = "0192:";
    private static final int[] WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};

    private OrganisationNumber() {
    }

    public static boolean isValid(String number) {
        if (number == null || !number.matches("[0-9]{9}")) return false;
        int sum = 0;
        for (int i = 0; i < 8; i++) sum += (number.charAt(i) - '0') * WEIGHTS[i];
        int check = 11 - sum % 11;
        if (check == 11) check = 0;
        return check != 10 && check == number.charAt(8) - '0';
    }

    /** The organisation number in a Maskinporten {@code consumer} ID such as {@code 0192:974760673}. */
    static Optional<String> ofConsumerId(String authority, String id) {
        if (!AUTHORITY.equals(authority) || id == null || !id.startsWith(NORWAY)) return Optional.empty();
        String number = id.substring(NORWAY.length());
        return isValid(number) ? Optional.of(number) : Optional.empty();
    }
}

package no.budstikke.dispatch;

import java.util.regex.Pattern;

/**
 * Whether an e-mail address taken from an event is one the hub will write to: plain ASCII
 * {@code local@domain.tld} with a dot-atom local part and a host name of letter/digit/hyphen labels
 * ending in a letters-only top-level domain. That refuses IP literals ({@code user@[10.0.0.1]} and
 * {@code user@10.0.0.1}), source routes ({@code @relay:user@host}), quoted local parts, several
 * addresses in one, and non-ASCII lookalikes of a real domain (a Cyrillic "а" for a Latin "a").
 */
public final class MailAddress {

    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private MailAddress() {
    }

    public static boolean acceptable(String address) {
        if (address == null || address.length() > 254) return false;
        int at = address.indexOf('@');
        return at > 0 && at <= 64 && ADDRESS.matcher(address).matches();
    }
}

package no.budstikke.camel;

import java.util.regex.Pattern;

/**
 * The office as ops may see it in metrics and health details. A directory office is its id, one
 * of a fixed list in config. A person named in an event (a representative or lawyer) has an id
 * made from a hash of their address: as a label that would give one series per person, forever,
 * and the unsalted hash of a known address is easy to test. So every such person is shown only by
 * role, {@code contact:representative} or {@code contact:lawyer}.
 */
public final class OfficeLabel {

    static final String CONTACT_PREFIX = "contact:";
    private static final Pattern ROLE = Pattern.compile("[a-z]{1,32}");

    private OfficeLabel() {
    }

    public static String of(String officeId) {
        if (officeId == null || !officeId.startsWith(CONTACT_PREFIX)) return officeId;
        int end = officeId.indexOf(':', CONTACT_PREFIX.length());
        String role = officeId.substring(CONTACT_PREFIX.length(), end < 0 ? officeId.length() : end);
        return ROLE.matcher(role).matches() ? CONTACT_PREFIX + role : "contact";
    }
}

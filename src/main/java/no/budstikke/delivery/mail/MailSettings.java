package no.budstikke.delivery.mail;

import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * The hub's mail ({@code budstikke.mail.*}): the sender address every notice carries. The relay's
 * address, login and timeouts are read by the mail route.
 */
public record MailSettings(String from) {

    /** Required: an address such as {@code Budstikke <budstikke@example.org>}. */
    public static final Setting<String> FROM = Setting.text("budstikke.mail.from");

    public static MailSettings from(HubSettings settings) {
        return new MailSettings(FROM.in(settings));
    }
}

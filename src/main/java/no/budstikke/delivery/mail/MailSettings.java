package no.budstikke.delivery.mail;

import java.util.Optional;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;

/**
 * The hub's mail ({@code budstikke.mail.*}): the sender address every notice carries, and the one
 * relay that takes every notice, with the sessions kept open to it.
 *
 * @param username          empty: the relay wants no login (blank counts as not given)
 * @param sessionIdleMs     an open session unused this long is closed (relays time idle ones out themselves)
 * @param sessionMaxMessages a session is closed and a new one opened after this many messages
 */
public record MailSettings(String from, String host, int port, Optional<String> username, Optional<String> password,
        boolean starttlsRequired, int timeoutMs, int sessionIdleMs, int sessionMaxMessages) {

    /** Required: an address such as {@code Budstikke <budstikke@example.org>}. */
    public static final Setting<String> FROM = Setting.text("budstikke.mail.from");
    public static final Setting<String> HOST = Setting.text("budstikke.mail.host", "localhost");
    public static final Setting<Integer> PORT = Setting.wholeNumber("budstikke.mail.port", 587);
    public static final Setting<String> USERNAME = Setting.text("budstikke.mail.username");
    public static final Setting<String> PASSWORD = Setting.text("budstikke.mail.password");
    public static final Setting<Boolean> STARTTLS_REQUIRED = Setting.flag("budstikke.mail.starttls-required", true);
    public static final Setting<Integer> TIMEOUT_MS = Setting.wholeNumber("budstikke.mail.timeout-ms", 30_000);
    public static final Setting<Integer> SESSION_IDLE_MS = Setting.wholeNumber("budstikke.mail.session-idle-ms", 60_000);
    public static final Setting<Integer> SESSION_MAX_MESSAGES = Setting.wholeNumber("budstikke.mail.session-max-messages", 100);

    public static MailSettings from(HubSettings settings) {
        return new MailSettings(FROM.in(settings), HOST.in(settings), PORT.in(settings), USERNAME.given(settings),
                PASSWORD.given(settings), STARTTLS_REQUIRED.in(settings), TIMEOUT_MS.in(settings),
                SESSION_IDLE_MS.in(settings), SESSION_MAX_MESSAGES.in(settings));
    }

    @Override
    public String toString() {
        // the password never reaches a log through this record
        return "MailSettings[host=" + host + ", port=" + port + ", starttlsRequired=" + starttlsRequired + "]";
    }
}

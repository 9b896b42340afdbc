package no.budstikke.startup;

import java.nio.file.Path;
import java.util.List;
import no.budstikke.alert.OpsMailbox;
import no.budstikke.auth.ApiKeys;
import no.budstikke.config.ConfigException;
import no.budstikke.config.GivenSettings;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Profile;
import no.budstikke.delivery.mail.MailSettings;
import no.budstikke.delivery.sftp.SftpSettings;
import no.budstikke.dispatch.config.Problems;
import no.budstikke.intake.InboxFolders;
import no.budstikke.model.Source;
import no.budstikke.tls.ListenerTls;
import no.budstikke.tls.TrustedProxies;

/**
 * What the production profile refuses: settings that make the embedded default easy to try and
 * are unsafe with real children's data. Every refusal is listed at once, each with where the
 * setting was given and what to set instead, so one restart shows everything to fix.
 */
public final class ProductionGuard {

    private ProductionGuard() {
    }

    /** Adds each refusal to {@code problems}; none outside the production profile. {@code keys} may be null. */
    public static void refusals(HubSettings settings, GivenSettings given, ApiKeys keys, Path apiKeysFile, Problems problems) {
        if (settings.profile() != Profile.PRODUCTION) return;
        String refuses = "the production profile refuses ";
        String dbUrl = settings.string("budstikke.db.url", "");
        if (dbUrl.isBlank() || dbUrl.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
            problems.add(where(given, "budstikke.db.url"), refuses + "an embedded H2 database (budstikke.db.url " + (dbUrl.isBlank() ? "not set" : "jdbc:h2:")
                    + "): it runs inside the hub's own memory and can take the hub down with it",
                    "PostgreSQL, jdbc:postgresql://host:5432/budstikke");
        }
        if (settings.sandbox()) {
            problems.add(where(given, HubSettings.SANDBOX), refuses + HubSettings.SANDBOX + "=true: every notice would go to "
                    + "a local folder instead of being delivered (the sandbox)", HubSettings.SANDBOX + " = false, or the setting left out");
        }
        String hostKeys = SftpSettings.STRICT_HOST_KEY_CHECKING.key();
        if (!SftpSettings.STRICT_HOST_KEY_CHECKING.in(settings).equals("yes")) {
            problems.add(where(given, hostKeys), refuses + hostKeys + " other than 'yes'", "'yes'; add the offices' host keys to "
                    + SftpSettings.KNOWN_HOSTS_FILE.key() + " instead");
        }
        String starttls = MailSettings.STARTTLS_REQUIRED.key();
        if (!MailSettings.STARTTLS_REQUIRED.in(settings)) {
            problems.add(where(given, starttls), refuses + starttls + "=false: notices would go to the mail server in clear text",
                    "true");
        }
        // null when api-keys.json could not be read: that is reported on its own
        List<String> devKeys = keys == null ? List.of() : keys.usingLocalDevKey();
        if (!devKeys.isEmpty()) {
            problems.add(new Source(apiKeysFile.toString(), "/keys", 0), refuses + "the entries " + devKeys
                    + ", which use the documented local development key", "a key made by 'new-api-key' for each");
        }
        String mailbox = OpsMailbox.from(settings).address().orElse("");
        if (mailbox.isBlank() || mailbox.contains("@budstikke.example")) {
            problems.add(where(given, OpsMailbox.KEY), refuses + OpsMailbox.KEY + " blank or the shipped example: "
                    + "alerts of deadlines at risk or breached and of overdue calls would reach nobody", "ops' own mailbox");
        }
        String jwks = "budstikke.maskinporten.jwks-url";
        if (settings.string(jwks, "").regionMatches(true, 0, "http:", 0, 5)) {
            problems.add(where(given, jwks), refuses + "a Maskinporten JWKS URL over plain http: whoever sits on the way could "
                    + "hand the hub keys of their own and forge any sender's tokens", "the issuer's https URL, such as https://maskinporten.no/jwk");
        }
        if (!ListenerTls.configured(settings) && settings.optional(TrustedProxies.SETTING).isEmpty()) {
            problems.add(where(given, ListenerTls.KEYSTORE), refuses + "plain HTTP on budstikke.http.port: API keys and "
                    + "children's data would cross the network in clear text", ListenerTls.KEYSTORE + " (or " + ListenerTls.CERTIFICATE
                    + " and " + ListenerTls.PRIVATE_KEY + "), or " + TrustedProxies.SETTING + " naming the TLS-terminating proxy in front");
        }
        if (!inboxRootBound(settings)) {
            problems.add(where(given, InboxFolders.ROOT), refuses + "an inbox without " + InboxFolders.ROOT
                    + ": anyone who can write to the inbox could pose as DUF or any centre", "the sources files directly in "
                    + "the inbox may carry, or '" + InboxFolders.NONE + "' and a folder of its own for each sender ("
                    + InboxFolders.FOLDERS + "<folder>)");
        }
    }

    /**
     * The console's users file may not hold the documented first login (docs/console.md) in
     * production, under whatever name: its password is public. {@code firstLogins} names the entries
     * whose password is the first login's; the console finds them (startup does not import it).
     */
    public static void consoleRefusals(HubSettings settings, List<String> firstLogins, Path usersFile, Problems problems) {
        if (settings.profile() != Profile.PRODUCTION || firstLogins.isEmpty()) return;
        problems.add(new Source(usersFile.toString(), "/users", 0), "the production profile refuses the entries " + firstLogins
                + ", whose password is the documented first login's", "a password made by 'new-user' for each person");
    }

    private static boolean inboxRootBound(HubSettings settings) {
        try {
            return InboxFolders.from(settings).rootBound();
        } catch (ConfigException e) {
            return true; // bindings that cannot be read are reported on their own, where the hub loads them
        }
    }

    private static Source where(GivenSettings given, String key) {
        return given.whereOf(key).orElse(new Source("not set", key, 0));
    }
}

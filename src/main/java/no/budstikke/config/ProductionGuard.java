package no.budstikke.config;

import java.util.List;
import no.budstikke.auth.ApiKeys;

/**
 * What the production profile refuses: settings that make the embedded default easy to try and
 * are unsafe with real children's data. Each refusal says what to set instead.
 */
public final class ProductionGuard {

    private ProductionGuard() {
    }

    public static void check(HubSettings settings, ApiKeys keys) {
        if (settings.profile() != Profile.PRODUCTION) return;
        String dbUrl = settings.string("budstikke.db.url", "");
        if (dbUrl.isBlank() || dbUrl.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
            throw refusal("budstikke.db.url " + (dbUrl.isBlank() ? "is blank, which means" : "names") + " an embedded H2 database, "
                    + "which runs inside the hub's own memory and can take the hub down with it; set budstikke.db.url to "
                    + "PostgreSQL (jdbc:postgresql://host:5432/budstikke)");
        }
        if (settings.flag("budstikke.delivery.sandbox", false)) {
            throw refusal("budstikke.delivery.sandbox=true would put every notice in a local folder instead of delivering it; "
                    + "set it to false");
        }
        if (!settings.string("budstikke.sftp.strict-host-key-checking", "yes").equals("yes")) {
            throw refusal("budstikke.sftp.strict-host-key-checking must be 'yes'; add the offices' host keys to "
                    + "budstikke.sftp.known-hosts-file instead");
        }
        if (!settings.flag("budstikke.mail.starttls-required", true)) {
            throw refusal("budstikke.mail.starttls-required=false would send notices to the mail server in clear text");
        }
        List<String> devKeys = keys.usingLocalDevKey();
        if (!devKeys.isEmpty()) {
            throw refusal("api-keys.json entry " + devKeys + " uses the documented local development key; replace it with "
                    + "a key made by 'new-api-key'");
        }
        String mailbox = settings.string("budstikke.ops.mailbox", "");
        if (mailbox.isBlank() || mailbox.contains("@budstikke.example")) {
            throw refusal("budstikke.ops.mailbox must name ops' own mailbox, not be blank or the shipped example: alerts of "
                    + "deadlines at risk or breached and of overdue calls would reach nobody");
        }
    }

    private static ConfigException refusal(String why) {
        return new ConfigException("the production profile refuses to start: " + why);
    }
}

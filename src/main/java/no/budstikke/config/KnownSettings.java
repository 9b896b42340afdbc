package no.budstikke.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code budstikke.*} setting the hub reads, with the kind of value it takes. A key that is
 * not here is a typo or a setting the hub does not have, and stops the start: a misspelt
 * {@code budstikke.delivery.sandbx} must not leave the hub delivering for real. A key ending in
 * {@code .*} is a family: one setting per name after the prefix, such as one credential per office.
 *
 * <p>A new setting is one line in {@link #DECLARED}, and a commented line in
 * config/application.properties (KnownSettingsTest checks both). Its default is a {@link Setting}
 * constant in its area's settings record, which the file must show (SettingDefaultsTest).
 */
public final class KnownSettings {

    /** What a setting's value must be; checked with the same parsers {@link HubSettings} reads it with. */
    public enum Kind {
        TEXT, WHOLE_NUMBER, NUMBER, FLAG, SIZE, PROFILE
    }

    private static final Map<String, Kind> DECLARED = declare(
            "budstikke.profile", Kind.PROFILE,
            "budstikke.config.dir", Kind.TEXT,
            "budstikke.data.dir", Kind.TEXT,
            // HTTP, health and metrics
            "budstikke.http.port", Kind.WHOLE_NUMBER,
            "budstikke.http.header-timeout-ms", Kind.WHOLE_NUMBER,
            "budstikke.http.idle-timeout-ms", Kind.WHOLE_NUMBER,
            "budstikke.http.max-connections-per-client", Kind.WHOLE_NUMBER,
            "budstikke.http.trusted-proxies", Kind.TEXT,
            "budstikke.tls.keystore.file", Kind.TEXT,
            "budstikke.tls.keystore.password", Kind.TEXT,
            "budstikke.tls.keystore.password-file", Kind.TEXT,
            "budstikke.tls.certificate-file", Kind.TEXT,
            "budstikke.tls.private-key-file", Kind.TEXT,
            "budstikke.tls.protocols", Kind.TEXT,
            "budstikke.tls.client-auth", Kind.TEXT,
            "budstikke.tls.truststore.file", Kind.TEXT,
            "budstikke.tls.truststore.password", Kind.TEXT,
            "budstikke.tls.truststore.password-file", Kind.TEXT,
            "budstikke.management.port", Kind.WHOLE_NUMBER,
            "budstikke.management.host", Kind.TEXT,
            "budstikke.log.format", Kind.TEXT,
            "budstikke.startup.report-after-ms", Kind.WHOLE_NUMBER,
            "budstikke.api-keys.file", Kind.TEXT,
            "budstikke.console.users-file", Kind.TEXT,
            "budstikke.console.idle-minutes", Kind.WHOLE_NUMBER,
            "budstikke.console.lifetime-hours", Kind.WHOLE_NUMBER,
            "budstikke.console.login-failures", Kind.WHOLE_NUMBER,
            "budstikke.console.login-window-minutes", Kind.WHOLE_NUMBER,
            "budstikke.console.max-form-bytes", Kind.WHOLE_NUMBER,
            "budstikke.maskinporten.issuer", Kind.TEXT,
            "budstikke.maskinporten.audience", Kind.TEXT,
            "budstikke.maskinporten.scope", Kind.TEXT,
            "budstikke.maskinporten.jwks-url", Kind.TEXT,
            "budstikke.maskinporten.jwks-file", Kind.TEXT,
            "budstikke.maskinporten.consumers-file", Kind.TEXT,
            "budstikke.maskinporten.clock-skew-seconds", Kind.WHOLE_NUMBER,
            "budstikke.maskinporten.algorithms", Kind.TEXT,
            "budstikke.maskinporten.jwks-timeout-ms", Kind.WHOLE_NUMBER,
            "budstikke.maskinporten.jwks-max-bytes", Kind.SIZE,
            "budstikke.maskinporten.jwks-min-refresh-ms", Kind.WHOLE_NUMBER,
            "budstikke.maskinporten.jwks-cache-ms", Kind.WHOLE_NUMBER,
            // database
            "budstikke.db.url", Kind.TEXT,
            "budstikke.db.user", Kind.TEXT,
            "budstikke.db.password", Kind.TEXT,
            "budstikke.db.password-file", Kind.TEXT,
            "budstikke.db.pool-size", Kind.WHOLE_NUMBER,
            "budstikke.quarantine.raw-cap", Kind.SIZE,
            "budstikke.quarantine.max-per-sender-per-minute", Kind.WHOLE_NUMBER,
            // intake
            "budstikke.intake.max-bytes", Kind.WHOLE_NUMBER,
            "budstikke.intake.max-event-bytes", Kind.SIZE,
            "budstikke.intake.max-batch-events", Kind.WHOLE_NUMBER,
            "budstikke.intake.file.dir", Kind.TEXT,
            "budstikke.intake.file.sources", Kind.TEXT,
            "budstikke.intake.file.folders.*", Kind.TEXT,
            "budstikke.intake.file.poll-ms", Kind.WHOLE_NUMBER,
            "budstikke.duf.enabled", Kind.FLAG,
            "budstikke.duf.db.url", Kind.TEXT,
            "budstikke.duf.db.user", Kind.TEXT,
            "budstikke.duf.db.password", Kind.TEXT,
            "budstikke.duf.db.password-file", Kind.TEXT,
            "budstikke.duf.table", Kind.TEXT,
            "budstikke.duf.poll-ms", Kind.WHOLE_NUMBER,
            "budstikke.duf.batch-size", Kind.WHOLE_NUMBER,
            // dispatch
            "budstikke.dispatch.poll-ms", Kind.WHOLE_NUMBER,
            "budstikke.dispatch.batch-size", Kind.WHOLE_NUMBER,
            "budstikke.reload.poll-ms", Kind.WHOLE_NUMBER,
            // delivery
            "budstikke.sender.organisation", Kind.TEXT,
            "budstikke.delivery.sandbox", Kind.FLAG,
            "budstikke.delivery.sandbox.dir", Kind.TEXT,
            "budstikke.delivery.poll-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.batch-size", Kind.WHOLE_NUMBER,
            "budstikke.delivery.concurrency", Kind.WHOLE_NUMBER,
            "budstikke.delivery.lease-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.lease-renew-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.office.probe-start-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.office.probe-cap-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.office.down-after", Kind.WHOLE_NUMBER,
            "budstikke.delivery.metrics-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.http.connect-timeout-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.http.connection-request-timeout-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.http.read-timeout-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.auth.*", Kind.TEXT,
            "budstikke.mail.host", Kind.TEXT,
            "budstikke.mail.port", Kind.WHOLE_NUMBER,
            "budstikke.mail.username", Kind.TEXT,
            "budstikke.mail.password", Kind.TEXT,
            "budstikke.mail.password-file", Kind.TEXT,
            "budstikke.mail.from", Kind.TEXT,
            "budstikke.mail.starttls-required", Kind.FLAG,
            "budstikke.mail.timeout-ms", Kind.WHOLE_NUMBER,
            "budstikke.mail.session-idle-ms", Kind.WHOLE_NUMBER,
            "budstikke.mail.session-max-messages", Kind.WHOLE_NUMBER,
            "budstikke.sftp.username", Kind.TEXT,
            "budstikke.sftp.private-key-file", Kind.TEXT,
            "budstikke.sftp.private-key-passphrase", Kind.TEXT,
            "budstikke.sftp.private-key-passphrase-file", Kind.TEXT,
            "budstikke.sftp.known-hosts-file", Kind.TEXT,
            "budstikke.sftp.strict-host-key-checking", Kind.TEXT,
            "budstikke.sftp.connect-timeout-ms", Kind.WHOLE_NUMBER,
            "budstikke.sftp.server-alive-interval-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.retry.mail.initial-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.retry.mail.multiplier", Kind.NUMBER,
            "budstikke.delivery.retry.mail.max-delay-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.retry.mail.max-attempts", Kind.WHOLE_NUMBER,
            "budstikke.delivery.retry.mail.jitter", Kind.NUMBER,
            "budstikke.delivery.retry.sftp.initial-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.retry.sftp.multiplier", Kind.NUMBER,
            "budstikke.delivery.retry.sftp.max-delay-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.retry.sftp.max-attempts", Kind.WHOLE_NUMBER,
            "budstikke.delivery.retry.sftp.jitter", Kind.NUMBER,
            "budstikke.delivery.retry.http.initial-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.retry.http.multiplier", Kind.NUMBER,
            "budstikke.delivery.retry.http.max-delay-ms", Kind.WHOLE_NUMBER,
            "budstikke.delivery.retry.http.max-attempts", Kind.WHOLE_NUMBER,
            "budstikke.delivery.retry.http.jitter", Kind.NUMBER,
            // ops, tasks, deadlines, schedules
            "budstikke.ops.mailbox", Kind.TEXT,
            "budstikke.tasks.poll-ms", Kind.WHOLE_NUMBER,
            "budstikke.tasks.default-due-minutes", Kind.WHOLE_NUMBER,
            "budstikke.deadlines.poll-ms", Kind.WHOLE_NUMBER,
            "budstikke.deadlines.page-size", Kind.WHOLE_NUMBER,
            "budstikke.schedule.tertial.day-offset", Kind.WHOLE_NUMBER,
            "budstikke.schedule.tertial.poll-ms", Kind.WHOLE_NUMBER,
            "budstikke.schedule.poll-ms", Kind.WHOLE_NUMBER,
            "budstikke.schedule.zone", Kind.TEXT,
            "budstikke.schedule.turning-18.lead-days", Kind.WHOLE_NUMBER,
            "budstikke.schedule.turning-18.grace-days", Kind.WHOLE_NUMBER,
            "budstikke.schedule.settlement-update.lead-days", Kind.WHOLE_NUMBER,
            // retention (config/retention.yaml)
            "budstikke.retention.purge-ms", Kind.WHOLE_NUMBER,
            "budstikke.retention.batch-size", Kind.WHOLE_NUMBER);

    private static final String FAMILY = ".*";
    public static final String PREFIX = "budstikke.";
    static final String ENV_PREFIX = "BUDSTIKKE_";

    private final Map<String, Kind> keys;

    private KnownSettings(Map<String, Kind> keys) {
        this.keys = keys;
    }

    /** The declared settings. */
    public static KnownSettings declared() {
        return new KnownSettings(DECLARED);
    }

    /**
     * The declared settings and the given ones: settings that a config file names, such as the
     * mailbox setting a deadline in deadlines.yaml escalates to.
     */
    public KnownSettings and(Set<String> alsoKnown) {
        Map<String, Kind> all = new LinkedHashMap<>(keys);
        alsoKnown.forEach(k -> all.putIfAbsent(k, Kind.TEXT));
        return new KnownSettings(all);
    }

    /** Every declared key, families with their trailing {@code .*}. */
    public static Set<String> declaredKeys() {
        return DECLARED.keySet();
    }

    /** The kind of value the key takes, or empty for an unknown key. */
    public Optional<Kind> kind(String key) {
        Kind exact = keys.get(key);
        if (exact != null) return Optional.of(exact);
        return keys.entrySet().stream().filter(e -> e.getKey().endsWith(FAMILY))
                .filter(e -> key.startsWith(familyPrefix(e.getKey())) && key.length() > familyPrefix(e.getKey()).length())
                .map(Map.Entry::getValue).findFirst();
    }

    public boolean known(String key) {
        return kind(key).isPresent();
    }

    /**
     * Whether an environment variable ({@code BUDSTIKKE_DELIVERY_SANDBOX}) is the form of a known
     * setting: upper case, dots and dashes as underscores, as camel-main looks it up.
     */
    public boolean knownEnvironmentVariable(String name) {
        for (String key : keys.keySet()) {
            if (key.endsWith(FAMILY)) {
                String prefix = environmentForm(familyPrefix(key));
                if (name.startsWith(prefix) && name.length() > prefix.length()) return true;
            } else if (environmentForm(key).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Every key as written in config/application.properties: a family as {@code prefix<name>}. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        keys.keySet().forEach(k -> names.add(k.endsWith(FAMILY) ? familyPrefix(k) + "<name>" : k));
        return names;
    }

    /** Every key as an environment variable. */
    public List<String> environmentNames() {
        return names().stream().map(KnownSettings::environmentForm).toList();
    }

    public static String environmentForm(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static String familyPrefix(String family) {
        return family.substring(0, family.length() - 1);
    }

    private static Map<String, Kind> declare(Object... keysAndKinds) {
        Map<String, Kind> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndKinds.length; i += 2) {
            String key = (String) keysAndKinds[i];
            if (m.put(key, (Kind) keysAndKinds[i + 1]) != null) throw new IllegalStateException("setting declared twice: " + key);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}

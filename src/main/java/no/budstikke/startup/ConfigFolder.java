package no.budstikke.startup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import no.budstikke.auth.ApiKeyFile;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.maskinporten.Maskinporten;
import no.budstikke.config.CamelSettings;
import no.budstikke.config.ConfigException;
import no.budstikke.config.GivenSettings;
import no.budstikke.config.HubFolders;
import no.budstikke.config.HubSettings;
import no.budstikke.config.KnownSettings;
import no.budstikke.deadline.DeadlinesLoader;
import no.budstikke.delivery.mail.MailComposer;
import no.budstikke.delivery.mail.MailSettings;
import no.budstikke.delivery.mail.MailTemplates;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.dispatch.config.Problems;
import no.budstikke.intake.InboxFolders;
import no.budstikke.model.Deadline;
import no.budstikke.model.HubConfig;
import no.budstikke.retention.Retention;
import no.budstikke.retention.RetentionLoader;
import no.budstikke.tls.ListenerSettings;

/**
 * The whole config folder, read and checked the way a start reads it: the settings, api-keys.json,
 * the directory, the routing rules and the disclosure policies, deadlines.yaml, the mail
 * templates and retention.yaml. Every file is checked even when an earlier one is broken (except where one needs
 * another to be read), and every problem is reported in one {@link ConfigException}: one restart,
 * or one {@code check}, shows all that must be fixed.
 */
public final class ConfigFolder {

    /** Everything the hub is wired from; {@code maskinporten} is null when Maskinporten is not configured. */
    public record Loaded(ApiKeys keys, HubConfig dispatch, List<Deadline> deadlines, Map<String, String> escalationMailboxes,
                         MailTemplates templates, InboxFolders inboxFolders, Maskinporten maskinporten, Retention retention) {
    }

    private ConfigFolder() {
    }

    /**
     * @param settings the hub's settings, resolved as camel-main resolves them
     * @param given    where each setting was given, for the settings' own check
     * @throws ConfigException listing every problem of every file
     */
    public static Loaded load(HubSettings settings, GivenSettings given) {
        List<String> failures = new ArrayList<>();
        HubFolders folders = attempt(() -> HubFolders.from(settings), failures);
        if (folders == null) throw new ConfigException(String.join("\n", failures));
        Path configDir = folders.configDir();
        Path apiKeysFile = folders.apiKeysFile();

        ApiKeys keys = attempt(() -> ApiKeyFile.load(apiKeysFile), failures);
        Maskinporten maskinporten = attempt(() -> Maskinporten.load(settings, configDir).orElse(null), failures);
        if (keys != null && maskinporten != null) {
            attempt(() -> {
                maskinporten.checkNamesApartFrom(keys.names(), apiKeysFile);
                return maskinporten;
            }, failures);
        }
        HubConfig dispatch = attempt(() -> HubConfigLoader.load(configDir), failures);
        List<Deadline> deadlines = dispatch == null ? null : attempt(() -> DeadlinesLoader.load(configDir, dispatch.rules()), failures);
        Map<String, String> mailboxes = deadlines == null ? null
                : attempt(() -> DeadlinesLoader.escalationMailboxes(settings, deadlines), failures);
        MailTemplates templates = dispatch == null ? null : attempt(() -> MailTemplates.forHub(configDir, dispatch), failures);
        if (templates != null) attempt(() -> new MailComposer(templates, MailSettings.from(settings).from()), failures);

        InboxFolders inboxFolders = attempt(() -> InboxFolders.from(settings), failures);
        attempt(() -> ListenerSettings.from(settings, keys), failures);
        Retention retention = attempt(() -> RetentionLoader.load(configDir), failures);

        // A deadline escalates to a mailbox setting of its own choosing: that setting is known too.
        Set<String> named = deadlines == null ? Set.of() : deadlines.stream().map(Deadline::escalateTo).collect(Collectors.toSet());
        Problems settingProblems = new Problems();
        SettingsCheck.check(given, KnownSettings.declared().and(named), settings, keys, apiKeysFile, settingProblems);
        try {
            settingProblems.throwIfAny("settings");
        } catch (ConfigException e) {
            failures.add(0, e.getMessage());
        }
        if (!failures.isEmpty()) throw new ConfigException(String.join("\n", failures));
        return new Loaded(keys, dispatch, deadlines, mailboxes, templates, inboxFolders, maskinporten, retention);
    }

    /**
     * Checks a config folder on its own, as {@code check} and {@code explain} do: its
     * application.properties resolved as a start resolves it (system properties and the
     * environment over it), with budstikke.config.dir pointing at the folder.
     */
    public static Loaded check(Path dir) {
        Path file = dir.resolve("application.properties");
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new ConfigException(file + ": not found; expected the hub's settings file in the config folder");
        }
        var properties = CamelSettings.standalone(file, "budstikke.config.dir", dir.toString());
        // The folder named, even when -Dbudstikke.config.dir or BUDSTIKKE_CONFIG_DIR names the running
        // hub's: system properties and the environment win over an override, and a candidate folder
        // checked as the running one would pass whatever it holds.
        return load(CamelSettings.settings(properties).with("budstikke.config.dir", dir.toString()), CamelSettings.given(properties));
    }

    private static <T> T attempt(Supplier<T> step, List<String> failures) {
        try {
            return step.get();
        } catch (ConfigException e) {
            failures.add(e.getMessage());
            return null;
        }
    }
}

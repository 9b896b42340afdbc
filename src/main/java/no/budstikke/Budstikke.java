package no.budstikke;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.budstikke.auth.NewApiKey;
import no.budstikke.config.CamelSettings;
import no.budstikke.console.auth.ConsoleSettings;
import no.budstikke.console.auth.NewUser;
import no.budstikke.config.ConfigErrors;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubFolders;
import no.budstikke.config.HubSettings;
import no.budstikke.config.SecretFiles;
import no.budstikke.explain.Explain;
import no.budstikke.retention.EraseCommand;
import no.budstikke.startup.ConfigFolder;
import no.budstikke.startup.StartupTimes;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.Main;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Starts the hub, or runs one of its tools.
 *
 * <pre>
 *   java -jar budstikke.jar                 run the hub (config from ./config, or -Dbudstikke.config.dir)
 *   java -jar budstikke.jar new-api-key N   print a new API key and its api-keys.json entry
 *   java -jar budstikke.jar new-user N R... print a console user's new password and its console-users.json entry
 *   java -jar budstikke.jar explain F ...   show the notices an event would lead to, sending nothing
 *   java -jar budstikke.jar explain --replay --config DIR ...   what a candidate config would decide differently over stored events
 *   java -jar budstikke.jar check [--config DIR]   validate a config folder as a start would
 *   java -jar budstikke.jar erase --duf-number-file FILE|-   erase one person (the DUF number read from FILE or stdin)
 * </pre>
 */
public final class Budstikke {

    private Budstikke() {
    }

    /** The hub's commands, as {@code --help} lists them; a misspelt one is refused with this list. */
    static final String HELP = """
            usage: budstikke [COMMAND]
              (no command)                run the hub on config/ (or BUDSTIKKE_CONFIG_DIR)
              check [--config DIR]        check a config folder the way a start does; exit 0, or 78 with the problems
              explain EVENT.json [--config DIR] [--json]
                                          the notices an event would lead to, to whom and with which fields; sends nothing
              new-api-key NAME            a new API key and its entry for config/api-keys.json
              new-user NAME ROLE...       a console login: a new password and its entry for config/console-users.json
                                          (roles: staff, ops, ops-pii)
              erase --duf-number-file FILE|-
                                          erase one person; the DUF number from FILE or standard input (docs/privacy.md)
              --help                      this list
            Settings and operations: README.md and docs/.
            """;
    static final int USAGE = 2;

    public static void main(String[] args) throws Exception {
        System.exit(args.length == 0 ? run(args) : command(java.util.List.of(args), System.out, System.err));
    }

    /** Runs one of the hub's commands and returns its exit code. */
    static int command(java.util.List<String> args, java.io.PrintStream out, java.io.PrintStream err) {
        java.util.List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "new-api-key" -> {
                out.print(NewApiKey.instructions(rest.isEmpty() ? "new-sender" : rest.get(0)));
                return 0;
            }
            case "new-user" -> {
                return NewUser.run(rest, out, err);
            }
            case "explain" -> {
                return Explain.run(rest, out, err);
            }
            case "check" -> {
                return check(rest, out, err);
            }
            case "erase" -> {
                return EraseCommand.run(rest, propertiesFile(), System.in, out, err);
            }
            case "--help", "-h", "help" -> {
                out.print(HELP);
                return 0;
            }
            default -> {
                err.println("budstikke: no command '" + shown(args.get(0)) + "'");
                err.print(HELP);
                return USAGE;
            }
        }
    }

    /** What was typed, kept to one short line. */
    private static String shown(String typed) {
        String line = typed.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }

    /**
     * {@code check [--config DIR]}: validates a config folder the way a start does, with the same
     * loaders and the same list of problems, and starts nothing. 0 when fine, 78 on config errors.
     */
    public static int check(java.util.List<String> args, java.io.PrintStream out, java.io.PrintStream err) {
        String dir = HubFolders.configDirGiven();
        if (args.size() == 2 && args.get(0).equals("--config")) {
            dir = args.get(1);
        } else if (!args.isEmpty()) {
            err.println("usage: check [--config DIR]");
            return 2;
        }
        try {
            ConfigFolder.check(Path.of(dir));
            // The console's users file, as the start checks it when wiring the console.
            HubSettings settings = CamelSettings.settings(CamelSettings.standalone(Path.of(dir, "application.properties"),
                    "budstikke.config.dir", dir)).with("budstikke.config.dir", dir);
            ConsoleWiring.users(settings, ConsoleSettings.from(settings));
        } catch (ConfigException e) {
            ConfigErrors.print("check", e, err);
            return ConfigErrors.EX_CONFIG;
        }
        out.println("check: " + dir + " is valid");
        return 0;
    }

    /**
     * Runs the hub. The whole config folder is checked first, before camel-main exists: a mistake
     * is printed as a clean list and ends the process with {@link ConfigErrors#EX_CONFIG}, with no
     * stack trace and no shutdown of a Camel that never ran. The folder so read is the one the hub
     * runs on: it is read once.
     */
    static int run(String[] args) throws Exception {
        StartupTimes times = StartupTimes.sinceJvmStart();
        times.mark("jvm");
        Main main = newMain(times);
        try {
            PropertiesComponent properties = CamelSettings.standalone(propertiesFile());
            // With the secrets read from their files, once, as camel-main gets them below, so that the
            // folder is checked against the very settings the hub runs with.
            HubSettings settings = CamelSettings.settings(properties);
            Map<String, String> secrets = SecretFiles.read(settings);
            secrets.forEach(properties::addOverrideProperty);
            times.mark("settings");
            ConfigWiring.StartConfig config = times.time("config folder",
                    () -> ConfigWiring.read(settings, CamelSettings.given(properties)));
            main.bind("startConfig", config);
            secrets.forEach(main::addOverrideProperty);
        } catch (ConfigException e) {
            ConfigErrors.print("budstikke", e, System.err);
            return ConfigErrors.EX_CONFIG;
        }
        try {
            return main.run(args);
        } catch (Exception e) {
            // What only the start can find (a setting read while wiring): the same clean list.
            ConfigException config = ConfigErrors.find(e);
            if (config == null) throw e;
            ConfigErrors.print("budstikke", config, System.err);
            return ConfigErrors.EX_CONFIG;
        }
    }

    /**
     * The hub's beans, one class per area, bound in this order: a class's {@code @BindToRegistry}
     * methods may take beans of the classes before it. Listed rather than scanned for, so a start
     * does not search the class path. Within one class Camel orders the methods by one step of
     * dependency only: a bean that needs another bean of its class which itself needs one of its
     * class belongs in a later class.
     */
    static final List<Class<? extends CamelConfiguration>> WIRING = List.of(
            SettingsWiring.class, ConfigWiring.class, StorageWiring.class, SecurityWiring.class,
            IntakeWiring.class, IntakeSourcesWiring.class, OutboxWiring.class, AlertWiring.class,
            DeadlineWiring.class, DeadlineWatchWiring.class, DispatchWiring.class,
            MailWiring.class, HttpChannelWiring.class, SftpWiring.class, DeliveryWiring.class,
            TaskWiring.class, RetentionWiring.class, ScheduleWiring.class, ReloadWiring.class, ApiWiring.class,
            ConsoleWiring.class);

    /** The hub as camel-main runs it; tests start the same. */
    public static Main newMain() {
        return newMain(StartupTimes.sinceNow());
    }

    /** As {@link #newMain()}, timing its start in {@code times}. */
    static Main newMain(StartupTimes times) {
        Main main = new Main();
        // Instances, not classes: camel-main post-processes a configuration class it creates twice, so
        // that every bean (the database and its migration, Vert.x, the config folder) would be made twice.
        WIRING.forEach(wiring -> main.configure().addConfiguration(instance(wiring)));
        main.setPropertyPlaceholderLocations("file:" + propertiesFile());
        main.bind("startupTimes", times);
        main.addMainListener(new StartupListener(times));
        return main;
    }

    private static CamelConfiguration instance(Class<? extends CamelConfiguration> wiring) {
        try {
            return wiring.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(wiring.getSimpleName() + " cannot be made", e);
        }
    }

    static Path propertiesFile() {
        return Path.of(HubFolders.configDirGiven(), "application.properties");
    }
}

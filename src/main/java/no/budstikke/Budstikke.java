package no.budstikke;

import no.budstikke.auth.NewApiKey;
import no.budstikke.explain.Explain;
import org.apache.camel.main.Main;

/**
 * Starts the hub, or runs one of its tools.
 *
 * <pre>
 *   java -jar budstikke.jar                 run the hub (config from ./config, or -Dbudstikke.config.dir)
 *   java -jar budstikke.jar new-api-key N   print a new API key and its api-keys.json entry
 *   java -jar budstikke.jar explain F ...   show the notices an event would lead to, sending nothing
 * </pre>
 */
public final class Budstikke {

    private Budstikke() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("new-api-key")) {
            System.out.print(NewApiKey.instructions(args.length > 1 ? args[1] : "new-sender"));
            return;
        }
        if (args.length > 0 && args[0].equals("explain")) {
            System.exit(Explain.run(java.util.List.of(args).subList(1, args.length), System.out, System.err));
        }
        System.exit(newMain().run(args));
    }

    /** The hub as camel-main runs it; tests start the same. */
    public static Main newMain() {
        Main main = new Main(HubWiring.class);
        main.setPropertyPlaceholderLocations("file:" + configDir() + "/application.properties");
        return main;
    }

    public static String configDir() {
        String fromProperty = System.getProperty("budstikke.config.dir");
        if (fromProperty != null && !fromProperty.isBlank()) return fromProperty;
        String fromEnv = System.getenv("BUDSTIKKE_CONFIG_DIR");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "config";
    }
}

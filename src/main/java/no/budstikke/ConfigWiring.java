package no.budstikke;

import no.budstikke.startup.ConfigFolder;
import java.time.Clock;
import no.budstikke.auth.ApiKeys;
import no.budstikke.config.CamelSettings;
import no.budstikke.config.GivenSettings;
import no.budstikke.config.HubFolders;
import no.budstikke.config.HubSettings;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.intake.InboxFolders;
import no.budstikke.reload.ConfigHash;
import no.budstikke.reload.LiveConfig;
import no.budstikke.startup.StartupTimes;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The config folder as the start reads it, every file checked before anything is opened: a bad
 * change stops the hub with all its reasons at once. Its routing rules and templates go live
 * here, and are replaced on reload (docs/config-reload.md).
 */
public final class ConfigWiring implements CamelConfiguration {

    /** The folder read at start, and the version of exactly the files read. */
    public record StartConfig(String version, ConfigFolder.Loaded folder) {
    }

    /**
     * The folder as the start reads it. {@link Budstikke#run} reads it before camel-main exists and
     * binds it, so that a start reads and checks the folder once; a hub started without it (tests)
     * reads it here.
     */
    @BindToRegistry
    public StartConfig startConfig(CamelContext context, HubSettings settings, StartupTimes times) {
        if (context.getRegistry().findSingleByType(StartConfig.class) != null) return null;
        return times.time("config folder", () -> read(settings, CamelSettings.given(context.getPropertiesComponent())));
    }

    /**
     * Reads and checks the whole config folder.
     *
     * @throws no.budstikke.config.ConfigException listing every problem of every file
     */
    static StartConfig read(HubSettings settings, GivenSettings given) {
        // The version is taken around the load, so that it names exactly the files loaded.
        String before = ConfigHash.beforeLoad(() -> HubFolders.from(settings).configDir());
        ConfigFolder.Loaded loaded = ConfigFolder.load(settings, given);
        return new StartConfig(ConfigHash.afterLoad(HubFolders.from(settings).configDir(), before), loaded);
    }

    @BindToRegistry
    public ApiKeys apiKeys(StartConfig config) {
        return config.folder().keys();
    }

    @BindToRegistry
    public InboxFolders inboxFolders(StartConfig config) {
        return config.folder().inboxFolders();
    }

    @BindToRegistry
    public LiveConfig liveConfig(StartConfig config, Clock clock) {
        ConfigFolder.Loaded folder = config.folder();
        return new LiveConfig(new LiveConfig.Version(config.version(), new Dispatcher(folder.dispatch()), folder.templates(),
                clock.instant()));
    }
}

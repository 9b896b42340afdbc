package no.budstikke;

import no.budstikke.startup.ConfigFolder;
import java.time.Clock;
import no.budstikke.config.CamelSettings;
import no.budstikke.camel.ConfigMeters;
import no.budstikke.config.HubFolders;
import no.budstikke.config.HubSettings;
import no.budstikke.reload.ConfigReload;
import no.budstikke.reload.LiveConfig;
import no.budstikke.store.ConfigVersions;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/** Reload of the config folder without a restart (docs/config-reload.md); a start records the version it runs. */
public final class ReloadWiring implements CamelConfiguration {

    @BindToRegistry
    public ConfigReload configReload(CamelContext context, HubSettings settings, HubFolders folders, LiveConfig live,
                                     Transactions transactions, Clock clock) throws Exception {
        ConfigReload reload = new ConfigReload(live, folders.configDir(),
                () -> ConfigFolder.load(settings, CamelSettings.given(context.getPropertiesComponent())),
                new ConfigVersions(transactions, clock), clock);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStart() {
                reload.acceptAtStart();
            }
        });
        return reload;
    }

    @BindToRegistry
    public ConfigMeters configMeters(CamelContext context, ConfigReload reload) {
        return new ConfigMeters(context, reload::behind);
    }
}

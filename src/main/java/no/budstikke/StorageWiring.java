package no.budstikke;

import java.nio.file.Files;
import javax.sql.DataSource;
import no.budstikke.camel.DatabaseHealthCheck;
import no.budstikke.config.DatabaseSettings;
import no.budstikke.config.HubFolders;
import no.budstikke.config.HubSettings;
import no.budstikke.startup.StartupTimes;
import no.budstikke.store.Database;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;

/** The hub's own database, migrated at start and closed when Camel stops, and its units of work. */
public final class StorageWiring implements CamelConfiguration {

    @BindToRegistry
    public Database database(CamelContext context, DatabaseSettings settings, HubFolders folders, StartupTimes times) throws Exception {
        Files.createDirectories(folders.dataDir());
        Database db = times.time("database", settings::open);
        context.addService(closing(db));
        HealthCheckRegistry.get(context).register(new DatabaseHealthCheck(db.dataSource()));
        return db;
    }

    @BindToRegistry
    public DataSource dataSource(Database db) {
        return db.dataSource();
    }

    @BindToRegistry
    public Transactions transactions(Database db) {
        return new Transactions(db.dataSource());
    }

    /**
     * On the embedded database, and with a core to spare, migrates a throwaway in-memory copy of the
     * schema in the background while the start reads its config folder: the real migration then runs
     * on loaded and compiled classes (docs/deployment.md, "Start-up time"). Nothing on disk is touched,
     * so a config mistake still stops the hub before anything is opened.
     */
    static void warmUp(HubSettings settings) {
        boolean embedded;
        try {
            embedded = DatabaseSettings.URL.in(settings).isBlank();
        } catch (RuntimeException e) {
            return; // the settings' check reports it
        }
        if (!embedded || Runtime.getRuntime().availableProcessors() < 2) return;
        Thread warmUp = new Thread(() -> {
            try (Database db = Database.open(Database.inMemoryUrl("budstikke-warm-up"), null, null, null, 1)) {
                // opened and migrated: the classes are loaded
            } catch (RuntimeException e) {
                // only ever a head start: the real open reports whatever is wrong
            }
        }, "budstikke-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** A service that closes {@code resource} when Camel stops. */
    static Service closing(AutoCloseable resource) {
        return new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                resource.close();
            }
        };
    }
}

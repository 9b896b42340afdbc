package no.budstikke;

import java.nio.file.Files;
import javax.sql.DataSource;
import no.budstikke.camel.DatabaseHealthCheck;
import no.budstikke.config.DatabaseSettings;
import no.budstikke.config.HubFolders;
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

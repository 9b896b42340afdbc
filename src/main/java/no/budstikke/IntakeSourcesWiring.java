package no.budstikke;

import java.nio.file.Files;
import java.util.Optional;
import javax.sql.DataSource;
import no.budstikke.camel.InboxFilter;
import no.budstikke.config.DatabaseSettings;
import no.budstikke.config.HubFolders;
import no.budstikke.config.HubSettings;
import no.budstikke.http.IntakeHttp;
import no.budstikke.intake.DufQueueIntake;
import no.budstikke.intake.DufSettings;
import no.budstikke.intake.EventParser;
import no.budstikke.intake.FileIntake;
import no.budstikke.intake.InboxFolders;
import no.budstikke.intake.IntakeService;
import no.budstikke.store.Database;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;

/** Where events come in: the HTTP API, the inbox folders, and the DUF SQL queue when one is configured. */
public final class IntakeSourcesWiring implements CamelConfiguration {

    static final String DUF_ROUTE = "intake-duf-sql";
    /** Polling takes one connection and marking its rows another. */
    private static final int DUF_POOL_SIZE = 2;

    @BindToRegistry
    public IntakeHttp intakeHttp(IntakeService intake, EventParser parser) {
        return new IntakeHttp(intake, parser);
    }

    /** The bound folders exist from the start, so writers find them. */
    @BindToRegistry
    public FileIntake fileIntake(IntakeService intake, InboxFolders folders, HubFolders hub) throws Exception {
        for (String folder : folders.folders()) Files.createDirectories(hub.inbox().resolve(folder));
        return new FileIntake(intake, folders);
    }

    @BindToRegistry
    public InboxFilter<?> inboxFilter(InboxFolders folders) {
        return new InboxFilter<>(folders);
    }

    @BindToRegistry
    public DufQueueIntake dufQueueIntake(IntakeService intake) {
        return new DufQueueIntake(intake);
    }

    /** DUF polling runs only when a DUF database is configured; otherwise its route is not even created. */
    @BindToRegistry
    public DataSource dufDataSource(CamelContext context, HubSettings settings, HubFolders folders) throws Exception {
        Optional<DufSettings> source = DufSettings.from(settings);
        if (source.isEmpty()) {
            ((ModelCamelContext) context).setRouteFilterPattern(null, DUF_ROUTE);
            return null;
        }
        DufSettings duf = source.get();
        Database db = new DatabaseSettings(duf.url(), duf.user(), duf.password(), folders.dataDir(), DUF_POOL_SIZE).connect("duf");
        context.addService(StorageWiring.closing(db));
        return db.dataSource();
    }
}

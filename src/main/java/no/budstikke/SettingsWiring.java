package no.budstikke;

import java.time.Clock;
import no.budstikke.config.CamelSettings;
import no.budstikke.config.DatabaseSettings;
import no.budstikke.console.auth.ConsoleSettings;
import no.budstikke.config.HubFolders;
import no.budstikke.config.HubSettings;
import no.budstikke.delivery.DeliverySettings;
import no.budstikke.delivery.http.HttpChannelSettings;
import no.budstikke.delivery.mail.MailSettings;
import no.budstikke.delivery.sftp.SftpSettings;
import no.budstikke.delivery.task.TaskSettings;
import no.budstikke.intake.IntakeLimits;
import no.budstikke.intake.QuarantineSettings;
import no.budstikke.reload.ReloadSettings;
import no.budstikke.retention.RetentionSettings;
import no.budstikke.schedule.ScheduleSettings;
import no.budstikke.startup.StartupSettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * The settings, each area's read once into its typed record here, and the clock. Reading them all
 * at start also checks them all at start, even those only a route reads (the reload interval).
 */
public final class SettingsWiring implements CamelConfiguration {

    /** A {@link Clock} bound under this name before start replaces the system clock. */
    public static final String CLOCK_BEAN = "hubClock";

    @BindToRegistry
    public HubSettings hubSettings(CamelContext context) {
        return CamelSettings.settings(context.getPropertiesComponent());
    }

    /** Tests bind their own clock under this name to move time through deadlines and schedules. */
    @BindToRegistry(CLOCK_BEAN)
    public Clock hubClock(Registry registry) {
        return registry.lookupByNameAndType(CLOCK_BEAN, Clock.class) != null ? null : Clock.systemUTC();
    }

    @BindToRegistry
    public HubFolders hubFolders(HubSettings settings) {
        return HubFolders.from(settings);
    }

    @BindToRegistry
    public DatabaseSettings databaseSettings(HubSettings settings) {
        return DatabaseSettings.from(settings);
    }

    @BindToRegistry
    public IntakeLimits intakeLimits(HubSettings settings) {
        return IntakeLimits.from(settings);
    }

    @BindToRegistry
    public QuarantineSettings quarantineSettings(HubSettings settings) {
        return QuarantineSettings.from(settings);
    }

    @BindToRegistry
    public DeliverySettings deliverySettings(HubSettings settings) {
        return DeliverySettings.from(settings);
    }

    @BindToRegistry
    public MailSettings mailSettings(HubSettings settings) {
        return MailSettings.from(settings);
    }

    @BindToRegistry
    public SftpSettings sftpSettings(HubSettings settings) {
        return SftpSettings.from(settings);
    }

    @BindToRegistry
    public HttpChannelSettings httpChannelSettings(HubSettings settings) {
        return HttpChannelSettings.from(settings);
    }

    @BindToRegistry
    public TaskSettings taskSettings(HubSettings settings) {
        return TaskSettings.from(settings);
    }

    @BindToRegistry
    public ScheduleSettings scheduleSettings(HubSettings settings) {
        return ScheduleSettings.from(settings);
    }

    @BindToRegistry
    public RetentionSettings retentionSettings(HubSettings settings) {
        return RetentionSettings.from(settings);
    }

    @BindToRegistry
    public ReloadSettings reloadSettings(HubSettings settings) {
        return ReloadSettings.from(settings);
    }

    @BindToRegistry
    public ConsoleSettings consoleSettings(HubSettings settings) {
        return ConsoleSettings.from(settings);
    }

    @BindToRegistry
    public StartupSettings startupSettings(HubSettings settings) {
        return StartupSettings.from(settings);
    }
}

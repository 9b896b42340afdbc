package no.budstikke;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import no.budstikke.alert.Alerts;
import no.budstikke.alert.UnresolvedRecipients;
import no.budstikke.amot.TertialReport;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.Callers;
import no.budstikke.camel.AnswerWriter;
import no.budstikke.camel.CamelSettings;
import no.budstikke.camel.ConnectionLimits;
import no.budstikke.camel.GuardedVertx;
import no.budstikke.camel.ListenerSsl;
import no.budstikke.camel.DatabaseHealthCheck;
import no.budstikke.camel.DeliveryHealthCheck;
import no.budstikke.camel.DeliveryMeters;
import no.budstikke.camel.Failures;
import no.budstikke.camel.InboxFilter;
import no.budstikke.camel.ManagementGate;
import no.budstikke.camel.FollowUpMeters;
import no.budstikke.camel.RequestHeaders;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.contract.ContractValidator;
import no.budstikke.deadline.DeadlineClock;
import no.budstikke.deadline.DeadlineRules;
import no.budstikke.deadline.DeadlineTracker;
import no.budstikke.deadline.DeadlineTransitions;
import no.budstikke.deadline.DeadlineWatch;
import no.budstikke.deadline.Deadlines;
import no.budstikke.deadline.NorwegianCalendar;
import no.budstikke.delivery.ChannelRouter;
import no.budstikke.delivery.DeliveryFailures;
import no.budstikke.delivery.DeliverySettings;
import no.budstikke.delivery.FailureClassifier;
import no.budstikke.delivery.NoticeDocument;
import no.budstikke.delivery.Outbox;
import no.budstikke.delivery.Sandbox;
import no.budstikke.delivery.http.HttpFailures;
import no.budstikke.delivery.http.OfficeSecrets;
import no.budstikke.delivery.mail.MailComposer;
import no.budstikke.delivery.mail.MailFailures;
import no.budstikke.delivery.sftp.SftpFailures;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.model.Channel;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.delivery.task.OverdueTasks;
import no.budstikke.delivery.task.Tasks;
import no.budstikke.camel.ConfigMeters;
import no.budstikke.camel.ApiPolicy;
import no.budstikke.http.ApiAccess;
import no.budstikke.http.ConfigHttp;
import no.budstikke.http.DeadlinesHttp;
import no.budstikke.http.FollowUpHttp;
import no.budstikke.http.GapsHttp;
import no.budstikke.http.ErasureHttp;
import no.budstikke.http.IntakeHttp;
import no.budstikke.http.NoticesHttp;
import no.budstikke.http.OpsHttp;
import no.budstikke.intake.DufQueueIntake;
import no.budstikke.intake.EventParser;
import no.budstikke.intake.FileIntake;
import no.budstikke.intake.InboxFolders;
import no.budstikke.intake.IntakeLimits;
import no.budstikke.intake.QuarantineBudget;
import no.budstikke.intake.IntakeService;
import no.budstikke.retention.Erasure;
import no.budstikke.retention.PurgeJob;
import no.budstikke.schedule.ScheduledDuties;
import no.budstikke.schedule.SettlementUpdates;
import no.budstikke.schedule.TurningEighteen;
import no.budstikke.reload.ConfigHash;
import no.budstikke.reload.ConfigReload;
import no.budstikke.reload.LiveConfig;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.ConfigVersions;
import no.budstikke.tls.ListenerAccess;
import no.budstikke.tls.ListenerSettings;
import no.budstikke.casefile.OtherCentreCheck;
import no.budstikke.casefile.UnmatchedReturns;
import no.budstikke.dispatch.stage.OtherCentreHolds;
import no.budstikke.http.HeldEventsHttp;
import no.budstikke.store.HeldEvents;
import no.budstikke.store.Database;
import no.budstikke.store.DeadlineRuns;
import no.budstikke.store.DispatchGaps;
import no.budstikke.store.Erasures;
import no.budstikke.store.EventStore;
import no.budstikke.store.JobLease;
import no.budstikke.store.Purges;
import no.budstikke.store.RetentionLog;
import no.budstikke.store.Jdbc;
import no.budstikke.store.FollowUpCounts;
import no.budstikke.store.Journal;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.QuarantineStore;
import no.budstikke.schedule.TertialSchedule;
import no.budstikke.store.Schedules;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The object graph of the hub, in one place: settings in, named beans out. Routes refer to the
 * beans by these names.
 */
public final class HubWiring implements CamelConfiguration {

    static final String DUF_ROUTE = "intake-duf-sql";
    /** A {@link Clock} bound under this name before start replaces the system clock. */
    public static final String CLOCK_BEAN = "hubClock";
    /** The setting holding the ops mailbox, which {@link Alerts} mails by default. */
    static final String OPS_MAILBOX = "budstikke.ops.mailbox";

    @Override
    public void configure(CamelContext context) throws Exception {
        HubSettings settings = CamelSettings.settings(context.getPropertiesComponent());
        // Every file of the config folder and every setting is checked before anything is opened:
        // a bad change stops the hub with all its reasons at once.
        // The config version is taken around the load, so that it names exactly the files loaded (docs/config-reload.md).
        String version = ConfigHash.beforeLoad(() -> settings.path("budstikke.config.dir", "config"));
        ConfigFolder.Loaded config = ConfigFolder.load(settings, CamelSettings.given(context.getPropertiesComponent()));
        Path dataDir = settings.path("budstikke.data.dir", "var");
        Files.createDirectories(dataDir);
        // Tests bind their own clock under this name to move time through deadlines and schedules.
        Clock bound = context.getRegistry().lookupByNameAndType(CLOCK_BEAN, Clock.class);
        Clock clock = bound != null ? bound : Clock.systemUTC();

        ApiKeys keys = config.keys();
        // TLS on the intake server only (camel.server.useGlobalSslContextParameters): the management port stays plain, for probes.
        ListenerSettings listener = ListenerSettings.from(settings, keys);
        listener.tls().ifPresent(tls -> context.setSSLContextParameters(ListenerSsl.parameters(tls)));
        // Both HTTP servers (intake and management) are built on this Vert.x: timeouts and a per-client cap,
        // TLS protocols and client certificates on the intake server, and a key for everything on the
        // management port but the bare probes.
        context.getRegistry().bind("vertx", GuardedVertx.create(ConnectionLimits.from(settings), listener.tls(),
                ManagementGate.of(context, keys)));
        InboxFolders inboxFolders = config.inboxFolders();

        Database db = Database.open(settings, settings.integer("budstikke.db.pool-size", 10));
        context.addService(closing(db));
        Jdbc jdbc = new Jdbc(db.dataSource());
        EventStore events = new EventStore(jdbc, clock);
        QuarantineStore quarantine = new QuarantineStore(jdbc, clock,
                (int) settings.bytes("budstikke.quarantine.raw-cap", 256 * 1024));
        ContractValidator contract = ContractValidator.fromClasspath();
        EventParser parser = new EventParser(IntakeLimits.from(settings));
        IntakeService intake = new IntakeService(parser, contract, jdbc, events, quarantine, QuarantineBudget.from(settings, clock));
        Dispatcher dispatcher = new Dispatcher(config.dispatch());
        LiveConfig live = new LiveConfig(new LiveConfig.Version(ConfigHash.afterLoad(settings.path("budstikke.config.dir", "config"),
                version), dispatcher, config.templates(), clock.instant()));
        NoticeStore notices = new NoticeStore(jdbc, clock,
                new NoticeDocument(settings.string("budstikke.sender.organisation", "Budstikke")),
                Duration.ofMinutes(settings.integer("budstikke.tasks.default-due-minutes",
                        (int) NoticeStore.DEFAULT_TASK_DUE.toMinutes())));
        Alerts alerts = new Alerts(jdbc, clock, notices, settings.optional(OPS_MAILBOX));
        CaseFiles caseFiles = new CaseFiles(jdbc, clock);
        DeadlineTracker deadlines = bindDeadlines(context, config, live, jdbc, alerts, clock, keys);
        DispatchGaps gaps = new DispatchGaps(jdbc, clock);
        OtherCentreHolds holds = new OtherCentreHolds(new OtherCentreCheck(), new HeldEvents(clock), alerts, jdbc);
        DispatchService dispatch = new DispatchService(jdbc, () -> deciding(live), notices, gaps, caseFiles, clock,
                List.of(new UnmatchedReturns(alerts), new UnresolvedRecipients(alerts), new TertialReport(notices, gaps),
                        deadlines), holds);

        Registry r = context.getRegistry();
        r.bind("dataSource", db.dataSource());
        r.bind("eventStore", events);
        r.bind("quarantineStore", quarantine);
        r.bind("intakeService", intake);
        // Senders may also present Maskinporten access tokens, when Maskinporten is configured; ops stays on API keys.
        Callers callers = new Callers(keys, config.maskinporten() == null ? null : config.maskinporten().tokens(clock));
        r.bind("intakeHttp", new IntakeHttp(intake, parser));
        r.bind("opsHttp", new OpsHttp(events, quarantine, notices, gaps));
        r.bind("fileIntake", new FileIntake(intake, inboxFolders));
        r.bind("inboxFilter", new InboxFilter<>(inboxFolders));
        // The bound folders exist from the start, so writers find them.
        Path inbox = settings.path("budstikke.intake.file.dir", dataDir.resolve("inbox").toString());
        for (String folder : inboxFolders.folders()) Files.createDirectories(inbox.resolve(folder));
        r.bind("dufQueueIntake", new DufQueueIntake(intake));
        r.bind("dispatchService", dispatch);
        r.bind("gapsHttp", new GapsHttp(gaps, dispatch));
        r.bind("heldEventsHttp", new HeldEventsHttp(holds));
        // Birthdays, months and tertials are counted in one zone.
        String zone = settings.string("budstikke.schedule.zone", "Europe/Oslo");
        ZoneId scheduleZone = checked("budstikke.schedule.zone", () -> ZoneId.of(zone));
        r.bind("tertialSchedule", new TertialSchedule(intake, clock, scheduleZone,
                settings.integer("budstikke.schedule.tertial.day-offset", 0)));
        MailComposer mail = new MailComposer(() -> live.current().templates(), settings.required("budstikke.mail.from"), clock);
        r.bind("mailComposer", mail);
        Outbox outbox = bindDelivery(context, settings, jdbc, clock, dataDir, mail);
        DeliveryMeters meters = new DeliveryMeters(context, notices, clock);
        outbox.listen(meters);
        r.bind("deliveryMeters", meters);
        HealthCheckRegistry.get(context).register(new DeliveryHealthCheck(notices));
        r.bind("alerts", alerts);
        r.bind("caseFiles", caseFiles);
        r.bind("scheduledDuties", scheduledDuties(settings, jdbc, caseFiles, intake, contract, alerts, clock, scheduleZone));
        r.bind("noticesHttp", new NoticesHttp(notices, outbox, new Journal(jdbc, alerts, gaps)));
        Tasks tasks = new Tasks(jdbc, clock);
        r.bind("overdueTasks", new OverdueTasks(tasks, alerts, jdbc));
        r.bind("followUpHttp", new FollowUpHttp(tasks, outbox, alerts, caseFiles));
        r.bind("followUpMeters", new FollowUpMeters(context, new FollowUpCounts(jdbc, clock)));
        bindRetention(context, settings, config, jdbc, clock, keys);
        r.bind("answerWriter", new AnswerWriter());
        r.bind("requestHeaders", new RequestHeaders(new ListenerAccess(keys, listener.proxies())));
        r.bind("apiPolicy", new ApiPolicy(context, new ApiAccess(callers)));
        r.bind("failures", new Failures());
        HealthCheckRegistry.get(context).register(new DatabaseHealthCheck(db.dataSource()));

        bindDufSource(context, settings);
        bindConfigReload(context, settings, live, jdbc, clock, keys);
    }

    private static DispatchService.Deciding deciding(LiveConfig live) {
        LiveConfig.Version version = live.current();
        return new DispatchService.Deciding(version.hash(), version.dispatcher());
    }

    /** Reload of the config folder without a restart (docs/config-reload.md); a start records the version it runs. */
    private static void bindConfigReload(CamelContext context, HubSettings settings, LiveConfig live, Jdbc jdbc, Clock clock,
                                         ApiKeys keys) throws Exception {
        int pollMs = settings.integer("budstikke.reload.poll-ms", 10_000);
        if (pollMs < 1_000 || pollMs > 3_600_000) {
            throw new ConfigException("setting budstikke.reload.poll-ms: " + pollMs + " is out of range; expected 1000 to 3600000 (ms)");
        }
        ConfigReload reload = new ConfigReload(live, settings.path("budstikke.config.dir", "config"),
                () -> ConfigFolder.load(settings, CamelSettings.given(context.getPropertiesComponent())),
                new ConfigVersions(jdbc, clock), clock);
        context.getRegistry().bind("configReload", reload);
        context.getRegistry().bind("configHttp", new ConfigHttp(reload));
        context.getRegistry().bind("configMeters", new ConfigMeters(context, reload::behind));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStart() {
                reload.acceptAtStart();
            }
        });
    }

    /**
     * The deadlines (checked with the routing rules), the watch the deadlines timer runs, and the
     * ops API. Returns the tracker dispatch calls.
     */
    private static DeadlineTracker bindDeadlines(CamelContext context, ConfigFolder.Loaded config, LiveConfig live,
                                                 Jdbc jdbc, Alerts alerts, Clock clock, ApiKeys keys) {
        Deadlines deadlines = new Deadlines(config.deadlines());
        Map<String, String> mailboxes = config.escalationMailboxes();
        // deadlines.yaml is read at start only; the directory its rules look offices up in reloads.
        DeadlineRules rules = new DeadlineRules(new DeadlineClock(new NorwegianCalendar()),
                () -> live.current().dispatcher().config().directory());
        DeadlineRuns runs = new DeadlineRuns();
        DeadlineTransitions transitions = new DeadlineTransitions(rules, runs, alerts, mailboxes);
        Registry r = context.getRegistry();
        r.bind("deadlineWatch", new DeadlineWatch(jdbc, deadlines, runs, transitions, clock));
        r.bind("deadlinesHttp", new DeadlinesHttp(jdbc, runs, deadlines));
        return new DeadlineTracker(deadlines, rules, runs, transitions, clock);
    }

    private static Outbox bindDelivery(CamelContext context, HubSettings settings, Jdbc jdbc, Clock clock, Path dataDir,
                                       MailComposer mail) {
        Outbox outbox = new Outbox(jdbc, clock, DeliverySettings.retryPolicies(settings),
                Duration.ofMillis(settings.integer("budstikke.delivery.lease-ms", 120_000)), Math::random);
        boolean sandbox = settings.sandbox();
        Registry r = context.getRegistry();
        r.bind("outbox", outbox);
        r.bind("deliveryChannels", new ChannelRouter(sandbox));
        r.bind("deliveryFailures", new DeliveryFailures(new FailureClassifier(Map.of(
                Channel.HTTP, new HttpFailures(clock), Channel.SFTP, new SftpFailures(), Channel.MAIL, new MailFailures())), outbox));
        r.bind("officeSecrets", new OfficeSecrets(settings::optional, System::getenv));
        r.bind("sandbox", new Sandbox(settings.path("budstikke.delivery.sandbox.dir", dataDir.resolve("sandbox").toString()), mail::writeEml));
        // Sends run on their own pool, so a slow office holds up only its own thread, never intake.
        ExecutorService pool = context.getExecutorServiceManager()
                .newFixedThreadPool(HubWiring.class, "delivery", settings.integer("budstikke.delivery.concurrency", 4));
        r.bind("deliveryPool", pool);
        return outbox;
    }

    private static ScheduledDuties scheduledDuties(HubSettings settings, Jdbc jdbc, CaseFiles caseFiles, IntakeService intake,
                                                  ContractValidator contract, Alerts alerts, Clock clock, ZoneId zoneId) {
        String t18 = "budstikke.schedule.turning-18.";
        String o30 = "budstikke.schedule.settlement-update.";
        TurningEighteen turningEighteen = checked(t18 + "lead-days, " + t18 + "grace-days", () -> new TurningEighteen(
                settings.integer(t18 + "lead-days", 60), settings.integer(t18 + "grace-days", 7)));
        SettlementUpdates settlementUpdates = checked(o30 + "lead-days",
                () -> new SettlementUpdates(settings.integer(o30 + "lead-days", 14)));
        return new ScheduledDuties(new Schedules(jdbc), caseFiles, jdbc, intake, contract, alerts, clock, zoneId,
                turningEighteen, settlementUpdates);
    }

    private static <T> T checked(String settingNames, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new ConfigException("setting " + settingNames + ": " + e.getMessage()
                    + "; expected what config/application.properties describes under '# --- schedules'");
        }
    }

    /** The retention purge the timer runs, and erasure on the ops API (docs/privacy.md). */
    private static void bindRetention(CamelContext context, HubSettings settings, ConfigFolder.Loaded config, Jdbc jdbc, Clock clock,
                                      ApiKeys keys) {
        RetentionLog log = new RetentionLog(jdbc, clock);
        int batchSize = settings.integer("budstikke.retention.batch-size", 200);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new ConfigException("setting budstikke.retention.batch-size: " + batchSize + " is out of range; expected 1 to 10000");
        }
        PurgeJob purge = new PurgeJob(config.retention(), new Purges(jdbc), new JobLease(jdbc, clock), log, clock, batchSize,
                Duration.ofMinutes(10));
        context.getRegistry().bind("purgeJob", purge);
        context.getRegistry().bind("erasureHttp", new ErasureHttp(new Erasure(new Erasures(jdbc), log, clock)));
    }

    /** DUF polling runs only when a DUF database is configured; otherwise its route is not even created. */
    private static void bindDufSource(CamelContext context, HubSettings settings) throws Exception {
        if (!settings.flag("budstikke.duf.enabled", false)) {
            ((ModelCamelContext) context).setRouteFilterPattern(null, DUF_ROUTE);
            return;
        }
        HikariDataSource duf = new HikariDataSource();
        duf.setJdbcUrl(settings.required("budstikke.duf.db.url"));
        settings.optional("budstikke.duf.db.user").ifPresent(duf::setUsername);
        settings.optional("budstikke.duf.db.password").ifPresent(duf::setPassword);
        duf.setMaximumPoolSize(2);
        duf.setPoolName("duf");
        duf.setInitializationFailTimeout(-1);
        duf.setConnectionTimeout(5_000);
        context.getRegistry().bind("dufDataSource", (DataSource) duf);
        context.addService(closing(duf::close));
    }

    private static ServiceSupport closing(AutoCloseable resource) {
        return new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                resource.close();
            }
        };
    }
}

package no.budstikke;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import no.budstikke.alert.Alerts;
import no.budstikke.alert.UnresolvedRecipients;
import no.budstikke.amot.TertialReport;
import no.budstikke.auth.ApiKeys;
import no.budstikke.auth.Callers;
import no.budstikke.camel.AnswerWriter;
import no.budstikke.config.CamelSettings;
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
import no.budstikke.config.DatabaseSettings;
import no.budstikke.config.HubFolders;
import no.budstikke.config.HubSettings;
import no.budstikke.contract.ContractValidator;
import no.budstikke.model.DeadlineClock;
import no.budstikke.deadline.DeadlineRules;
import no.budstikke.deadline.DeadlineTracker;
import no.budstikke.deadline.DeadlineTransitions;
import no.budstikke.deadline.DeadlineWatch;
import no.budstikke.deadline.Deadlines;
import no.budstikke.model.NorwegianCalendar;
import no.budstikke.delivery.ChannelRouter;
import no.budstikke.delivery.DeliveryFailures;
import no.budstikke.delivery.DeliverySettings;
import no.budstikke.delivery.FailureClassifier;
import no.budstikke.model.NoticeDocument;
import no.budstikke.delivery.Outbox;
import no.budstikke.delivery.Sandbox;
import no.budstikke.delivery.http.HttpFailures;
import no.budstikke.delivery.http.OfficeSecrets;
import no.budstikke.delivery.mail.MailComposer;
import no.budstikke.delivery.mail.MailSettings;
import no.budstikke.delivery.mail.MailFailures;
import no.budstikke.delivery.sftp.SftpFailures;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.model.Channel;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.delivery.task.OverdueTasks;
import no.budstikke.delivery.task.TaskSettings;
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
import no.budstikke.intake.DufSettings;
import no.budstikke.intake.EventParser;
import no.budstikke.intake.FileIntake;
import no.budstikke.intake.InboxFolders;
import no.budstikke.intake.IntakeLimits;
import no.budstikke.intake.QuarantineBudget;
import no.budstikke.intake.QuarantineSettings;
import no.budstikke.intake.IntakeService;
import no.budstikke.retention.Erasure;
import no.budstikke.retention.PurgeJob;
import no.budstikke.retention.RetentionSettings;
import no.budstikke.schedule.ScheduledDuties;
import no.budstikke.schedule.ScheduleSettings;
import no.budstikke.reload.ConfigHash;
import no.budstikke.reload.ConfigReload;
import no.budstikke.reload.LiveConfig;
import no.budstikke.reload.ReloadSettings;
import no.budstikke.startup.ConfigFolder;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.ConfigVersions;
import no.budstikke.tls.ListenerAccess;
import no.budstikke.tls.ListenerSettings;
import no.budstikke.casefile.OtherCentreCheck;
import no.budstikke.casefile.UnmatchedReturns;
import no.budstikke.casefile.OtherCentreHolds;
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
import no.budstikke.store.Transactions;
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
        HubFolders folders = HubFolders.from(settings);
        String version = ConfigHash.beforeLoad(folders::configDir);
        ConfigFolder.Loaded config = ConfigFolder.load(settings, CamelSettings.given(context.getPropertiesComponent()));
        Path dataDir = folders.dataDir();
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

        Database db = DatabaseSettings.from(settings).open();
        context.addService(closing(db));
        Transactions transactions = new Transactions(db.dataSource());
        EventStore events = new EventStore(transactions, clock);
        QuarantineSettings quarantineSettings = QuarantineSettings.from(settings);
        QuarantineStore quarantine = new QuarantineStore(transactions, clock, quarantineSettings.rawCap());
        ContractValidator contract = ContractValidator.fromClasspath();
        EventParser parser = new EventParser(IntakeLimits.from(settings));
        IntakeService intake = new IntakeService(parser, contract, transactions, events, quarantine,
                new QuarantineBudget(quarantineSettings.maxPerSenderPerMinute(), clock));
        Dispatcher dispatcher = new Dispatcher(config.dispatch());
        LiveConfig live = new LiveConfig(new LiveConfig.Version(ConfigHash.afterLoad(folders.configDir(),
                version), dispatcher, config.templates(), clock.instant()));
        DeliverySettings delivery = DeliverySettings.from(settings);
        NoticeStore notices = new NoticeStore(transactions, clock, new NoticeDocument(delivery.senderOrganisation()),
                TaskSettings.from(settings).defaultDue());
        Alerts alerts = new Alerts(transactions, clock, notices, settings.optional(OPS_MAILBOX));
        CaseFiles caseFiles = new CaseFiles(transactions, clock);
        DeadlineTracker deadlines = bindDeadlines(context, config, live, transactions, alerts, clock, keys);
        DispatchGaps gaps = new DispatchGaps(transactions, clock);
        OtherCentreHolds holds = new OtherCentreHolds(new OtherCentreCheck(), new HeldEvents(clock), alerts, transactions);
        DispatchService dispatch = new DispatchService(transactions, () -> deciding(live), notices, gaps, caseFiles, clock,
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
        Path inbox = folders.inbox();
        for (String folder : inboxFolders.folders()) Files.createDirectories(inbox.resolve(folder));
        r.bind("dufQueueIntake", new DufQueueIntake(intake));
        r.bind("dispatchService", dispatch);
        r.bind("gapsHttp", new GapsHttp(gaps, dispatch));
        r.bind("heldEventsHttp", new HeldEventsHttp(holds));
        // Birthdays, months and tertials are counted in one zone.
        ScheduleSettings schedules = ScheduleSettings.from(settings);
        ZoneId scheduleZone = schedules.zone();
        r.bind("tertialSchedule", new TertialSchedule(intake, clock, scheduleZone, schedules.tertialDayOffset()));
        MailComposer mail = new MailComposer(() -> live.current().templates(), MailSettings.from(settings).from(), clock);
        r.bind("mailComposer", mail);
        Outbox outbox = bindDelivery(context, delivery, settings, transactions, clock, folders, mail);
        DeliveryMeters meters = new DeliveryMeters(context, notices, clock);
        outbox.listen(meters);
        r.bind("deliveryMeters", meters);
        HealthCheckRegistry.get(context).register(new DeliveryHealthCheck(notices));
        r.bind("alerts", alerts);
        r.bind("caseFiles", caseFiles);
        r.bind("scheduledDuties", scheduledDuties(schedules, transactions, caseFiles, intake, contract, alerts, clock));
        r.bind("noticesHttp", new NoticesHttp(notices, outbox, new Journal(transactions, alerts, gaps)));
        Tasks tasks = new Tasks(transactions, clock);
        r.bind("overdueTasks", new OverdueTasks(tasks, alerts, transactions));
        r.bind("followUpHttp", new FollowUpHttp(tasks, outbox, alerts, caseFiles));
        r.bind("followUpMeters", new FollowUpMeters(context, new FollowUpCounts(transactions, clock)));
        bindRetention(context, settings, config, transactions, clock, keys);
        r.bind("answerWriter", new AnswerWriter());
        r.bind("requestHeaders", new RequestHeaders(new ListenerAccess(keys, listener.proxies())));
        r.bind("apiPolicy", new ApiPolicy(context, new ApiAccess(callers)));
        r.bind("failures", new Failures());
        HealthCheckRegistry.get(context).register(new DatabaseHealthCheck(db.dataSource()));

        bindDufSource(context, settings);
        bindConfigReload(context, settings, folders, live, transactions, clock, keys);
    }

    private static DispatchService.Deciding deciding(LiveConfig live) {
        LiveConfig.Version version = live.current();
        return new DispatchService.Deciding(version.hash(), version.dispatcher());
    }

    /** Reload of the config folder without a restart (docs/config-reload.md); a start records the version it runs. */
    private static void bindConfigReload(CamelContext context, HubSettings settings, HubFolders folders, LiveConfig live, Transactions transactions,
                                         Clock clock, ApiKeys keys) throws Exception {
        // Checked at start; the route reads the interval itself.
        ReloadSettings.from(settings);
        ConfigReload reload = new ConfigReload(live, folders.configDir(),
                () -> ConfigFolder.load(settings, CamelSettings.given(context.getPropertiesComponent())),
                new ConfigVersions(transactions, clock), clock);
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
                                                 Transactions transactions, Alerts alerts, Clock clock, ApiKeys keys) {
        Deadlines deadlines = new Deadlines(config.deadlines());
        Map<String, String> mailboxes = config.escalationMailboxes();
        // deadlines.yaml is read at start only; the directory its rules look offices up in reloads.
        DeadlineRules rules = new DeadlineRules(new DeadlineClock(new NorwegianCalendar()),
                () -> live.current().dispatcher().config().directory());
        DeadlineRuns runs = new DeadlineRuns();
        DeadlineTransitions transitions = new DeadlineTransitions(rules, runs, alerts, mailboxes);
        Registry r = context.getRegistry();
        r.bind("deadlineWatch", new DeadlineWatch(transactions, deadlines, runs, transitions, clock));
        r.bind("deadlinesHttp", new DeadlinesHttp(transactions, runs, deadlines));
        return new DeadlineTracker(deadlines, rules, runs, transitions, clock);
    }

    private static Outbox bindDelivery(CamelContext context, DeliverySettings delivery, HubSettings settings, Transactions transactions, Clock clock,
                                       HubFolders folders, MailComposer mail) {
        Outbox outbox = new Outbox(transactions, clock, delivery.retryPolicies(), delivery.lease(), Math::random);
        boolean sandbox = delivery.sandbox();
        Registry r = context.getRegistry();
        r.bind("outbox", outbox);
        r.bind("deliveryChannels", new ChannelRouter(sandbox));
        r.bind("deliveryFailures", new DeliveryFailures(new FailureClassifier(Map.of(
                Channel.HTTP, new HttpFailures(clock), Channel.SFTP, new SftpFailures(), Channel.MAIL, new MailFailures())), outbox));
        r.bind("officeSecrets", new OfficeSecrets(settings::optional, System::getenv));
        r.bind("sandbox", new Sandbox(folders.sandboxDir(), mail::writeEml));
        // Sends run on their own pool, so a slow office holds up only its own thread, never intake.
        ExecutorService pool = context.getExecutorServiceManager()
                .newFixedThreadPool(HubWiring.class, "delivery", delivery.concurrency());
        r.bind("deliveryPool", pool);
        return outbox;
    }

    private static ScheduledDuties scheduledDuties(ScheduleSettings schedules, Transactions transactions, CaseFiles caseFiles, IntakeService intake,
                                                  ContractValidator contract, Alerts alerts, Clock clock) {
        return new ScheduledDuties(new Schedules(transactions), caseFiles, transactions, intake, contract, alerts, clock, schedules.zone(),
                schedules.turningEighteen(), schedules.settlementUpdates());
    }

    /** The retention purge the timer runs, and erasure on the ops API (docs/privacy.md). */
    private static void bindRetention(CamelContext context, HubSettings settings, ConfigFolder.Loaded config, Transactions transactions, Clock clock,
                                      ApiKeys keys) {
        RetentionLog log = new RetentionLog(transactions, clock);
        int batchSize = RetentionSettings.from(settings).batchSize();
        PurgeJob purge = new PurgeJob(config.retention(), new Purges(transactions), new JobLease(transactions, clock), log, clock, batchSize,
                Duration.ofMinutes(10));
        context.getRegistry().bind("purgeJob", purge);
        context.getRegistry().bind("erasureHttp", new ErasureHttp(new Erasure(new Erasures(transactions), log, clock)));
    }

    /** DUF polling runs only when a DUF database is configured; otherwise its route is not even created. */
    private static void bindDufSource(CamelContext context, HubSettings settings) throws Exception {
        Optional<DufSettings> source = DufSettings.from(settings);
        if (source.isEmpty()) {
            ((ModelCamelContext) context).setRouteFilterPattern(null, DUF_ROUTE);
            return;
        }
        HikariDataSource duf = new HikariDataSource();
        duf.setJdbcUrl(source.get().url());
        source.get().user().ifPresent(duf::setUsername);
        source.get().password().ifPresent(duf::setPassword);
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

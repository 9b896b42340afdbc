package no.budstikke;

import java.time.Clock;
import java.util.Optional;
import no.budstikke.alert.Alerts;
import no.budstikke.console.AlertsPage;
import no.budstikke.console.ConsoleGate;
import no.budstikke.console.ConsoleHtml;
import no.budstikke.console.LoginPage;
import no.budstikke.console.OidcSignIn;
import no.budstikke.console.OverviewPage;
import no.budstikke.console.StaticAssets;
import no.budstikke.console.TasksPage;
import no.budstikke.config.HubSettings;
import no.budstikke.console.auth.ConsoleSettings;
import no.budstikke.console.auth.ConsoleUsers;
import no.budstikke.console.config.ConfigPage;
import no.budstikke.console.config.LoadedConfig;
import no.budstikke.console.journal.JournalPage;
import no.budstikke.console.quarantine.QuarantinePage;
import no.budstikke.contract.ContractValidator;
import no.budstikke.console.auth.ConsoleUsersFile;
import no.budstikke.console.auth.LocalLogin;
import no.budstikke.console.auth.LoginThrottle;
import no.budstikke.console.auth.Sessions;
import no.budstikke.console.oidc.OidcLogin;
import no.budstikke.console.oidc.OidcSettings;
import no.budstikke.console.notice.DeadlinesPage;
import no.budstikke.console.notice.NoticePage;
import no.budstikke.console.notice.NoticesPage;
import no.budstikke.deadline.Deadlines;
import no.budstikke.delivery.OfficeBackoff;
import no.budstikke.dispatch.config.Problems;
import no.budstikke.startup.ProductionGuard;
import no.budstikke.delivery.Outbox;
import no.budstikke.delivery.task.Tasks;
import no.budstikke.explain.Explain;
import no.budstikke.model.CaseState;
import no.budstikke.reload.ConfigReload;
import no.budstikke.reload.LiveConfig;
import no.budstikke.store.DispatchGaps;
import no.budstikke.store.Journal;
import no.budstikke.store.QuarantineStore;
import no.budstikke.store.ConsoleLogins;
import no.budstikke.store.ConsoleSessions;
import no.budstikke.store.DeadlineOverview;
import no.budstikke.store.FollowUpCounts;
import no.budstikke.store.NoticeSearch;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.NoticeTimeline;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The ops console at /console: its gate, its sessions and logins, and one bean per page. */
public final class ConsoleWiring implements CamelConfiguration {

    @BindToRegistry
    public ConsoleHtml consoleHtml() {
        return new ConsoleHtml();
    }

    @BindToRegistry
    public Sessions consoleSessions(Transactions transactions, ConsoleSettings settings, Clock clock) {
        return new Sessions(new ConsoleSessions(transactions), settings.sessions(), clock);
    }

    @BindToRegistry
    public ConsoleGate consoleGate(Sessions sessions, ConsoleHtml html, ConsoleSettings settings) {
        return new ConsoleGate(sessions, html, settings.maxFormBytes());
    }

    /** The users file is read here, at start: a mistake in it stops the start with the file and the entry named. */
    @BindToRegistry
    public LoginPage consoleLogin(CamelContext context, Sessions sessions, ConsoleHtml html, HubSettings hub, ConsoleSettings settings,
                                  Clock clock) {
        LocalLogin login = new LocalLogin(users(hub, settings), new LoginThrottle(clock, settings.loginFailures(), settings.loginWindow()));
        return new LoginPage(login, sessions, html, oidcSettings(context).isPresent());
    }

    /** Logins through the OpenID Connect issuer, when budstikke.console.oidc.issuer names one (oidcSettings is then bound). */
    @BindToRegistry
    public OidcSignIn consoleOidc(CamelContext context, Transactions transactions, Sessions sessions, ConsoleHtml html, Clock clock) {
        Optional<OidcSettings> settings = oidcSettings(context);
        return new OidcSignIn(settings, settings.map(s -> new OidcLogin(s, clock)), new ConsoleLogins(transactions), sessions, html);
    }

    /**
     * Reads and checks the console's users file, with the production profile's refusal of the
     * documented first login. Here, at the root, because the start-up checks may not import the
     * console (the console imports what imports them).
     *
     * @throws no.budstikke.config.ConfigException naming the file, the entry and what is expected
     */
    static ConsoleUsers users(HubSettings hub, ConsoleSettings settings) {
        ConsoleUsers users = ConsoleUsersFile.load(settings.usersFile());
        Problems problems = new Problems();
        ProductionGuard.consoleRefusals(hub, users.usingFirstLoginPassword(), settings.usersFile(), problems);
        problems.throwIfAny("settings");
        return users;
    }

    @BindToRegistry
    public OverviewPage consoleOverview(OfficeBackoff offices, NoticeStore notices, Transactions transactions, ConsoleHtml html,
                                        Clock clock) {
        return new OverviewPage(offices, notices, new FollowUpCounts(transactions, clock), new DeadlineOverview(transactions, clock), html, clock);
    }

    @BindToRegistry
    public TasksPage consoleTasks(Tasks tasks, Outbox outbox, Transactions transactions, ConsoleHtml html, Clock clock) {
        return new TasksPage(tasks, outbox, new ConsoleSessions(transactions), html, clock);
    }

    @BindToRegistry
    public AlertsPage consoleAlerts(Alerts alerts, ConsoleHtml html) {
        return new AlertsPage(alerts, html);
    }

    @BindToRegistry
    public NoticesPage consoleNotices(Transactions transactions, ConsoleHtml html) {
        return new NoticesPage(new NoticeSearch(transactions), html);
    }

    @BindToRegistry
    public NoticePage consoleNotice(Transactions transactions, Outbox outbox, ConsoleHtml html, Clock clock) {
        return new NoticePage(new NoticeTimeline(transactions), outbox, html, clock);
    }

    @BindToRegistry
    public DeadlinesPage consoleDeadlines(Transactions transactions, Deadlines deadlines, ConsoleHtml html, Clock clock) {
        return new DeadlinesPage(new DeadlineOverview(transactions, clock), deadlines, html);
    }

    @BindToRegistry
    public JournalPage consoleJournal(Transactions transactions, Alerts alerts, DispatchGaps gaps, NoticeStore notices, ConsoleHtml html) {
        return new JournalPage(new Journal(transactions, alerts, gaps), notices, html);
    }

    @BindToRegistry
    public QuarantinePage consoleQuarantine(QuarantineStore quarantine, ConsoleHtml html) {
        return new QuarantinePage(quarantine, html);
    }

    /** The config page reads the running version and explains with it through the explain command's own code path. */
    @BindToRegistry
    public ConfigPage consoleConfig(ConfigReload reload, ContractValidator validator, ConsoleHtml html) {
        return new ConfigPage(new LoadedConfig() {
            @Override
            public Running running() {
                LiveConfig.Version v = reload.live().current();
                return new Running(v.hash(), v.loadedAt(), v.dispatcher().config());
            }

            @Override
            public Explanation explain(byte[] event) {
                Explain.Explained e = Explain.explain(event, reload.live().current().dispatcher(), CaseState.UNKNOWN, validator);
                return new Explanation(e.notJson(), e.broken(), e.decided().stream().map(Explain.Decided::decision).toList());
            }
        }, html);
    }

    @BindToRegistry
    public StaticAssets consoleStatic() {
        return new StaticAssets();
    }

    /** Bound by SettingsWiring only when an issuer is configured. */
    private static Optional<OidcSettings> oidcSettings(CamelContext context) {
        return Optional.ofNullable(context.getRegistry().lookupByNameAndType("oidcSettings", OidcSettings.class));
    }
}

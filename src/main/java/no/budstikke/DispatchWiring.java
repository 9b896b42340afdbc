package no.budstikke;

import java.time.Clock;
import java.util.List;
import no.budstikke.alert.Alerts;
import no.budstikke.alert.UnresolvedRecipients;
import no.budstikke.amot.TertialReport;
import no.budstikke.casefile.OtherCentreCheck;
import no.budstikke.casefile.UnmatchedReturns;
import no.budstikke.deadline.DeadlineTracker;
import no.budstikke.config.HubSettings;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.dispatch.stage.DispatchSettings;
import no.budstikke.casefile.OtherCentreHolds;
import no.budstikke.reload.LiveConfig;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.DispatchGaps;
import no.budstikke.store.HeldEvents;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Dispatch: stored events become notices by the live routing rules, with what follows each dispatch. */
public final class DispatchWiring implements CamelConfiguration {

    @BindToRegistry
    public CaseFiles caseFiles(Transactions transactions, Clock clock) {
        return new CaseFiles(transactions, clock);
    }

    @BindToRegistry
    public DispatchGaps dispatchGaps(Transactions transactions, Clock clock) {
        return new DispatchGaps(transactions, clock);
    }

    @BindToRegistry
    public OtherCentreHolds otherCentreHolds(Alerts alerts, Transactions transactions, Clock clock) {
        return new OtherCentreHolds(new OtherCentreCheck(), new HeldEvents(clock), alerts, transactions);
    }

    @BindToRegistry
    public DispatchSettings dispatchSettings(HubSettings settings) {
        return DispatchSettings.from(settings);
    }

    /** Each dispatch decides with the routing rules live at that moment, and names their version. */
    @BindToRegistry
    public DispatchService dispatchService(Transactions transactions, LiveConfig live, NoticeStore notices, DispatchGaps gaps,
                                           CaseFiles caseFiles, Clock clock, Alerts alerts, DeadlineTracker deadlines,
                                           OtherCentreHolds holds, DispatchSettings settings) {
        return new DispatchService(transactions, () -> deciding(live), notices, gaps, caseFiles, clock,
                List.of(new UnmatchedReturns(alerts), new UnresolvedRecipients(alerts), new TertialReport(notices, gaps), deadlines),
                holds, settings.groupSize());
    }

    private static DispatchService.Deciding deciding(LiveConfig live) {
        LiveConfig.Version version = live.current();
        return new DispatchService.Deciding(version.hash(), version.dispatcher());
    }
}

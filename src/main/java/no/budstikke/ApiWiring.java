package no.budstikke;

import no.budstikke.alert.Alerts;
import no.budstikke.camel.AnswerWriter;
import no.budstikke.camel.Failures;
import no.budstikke.deadline.Deadlines;
import no.budstikke.delivery.Outbox;
import no.budstikke.delivery.task.Tasks;
import no.budstikke.dispatch.stage.DispatchService;
import no.budstikke.casefile.OtherCentreHolds;
import no.budstikke.http.ConfigHttp;
import no.budstikke.http.DeadlinesHttp;
import no.budstikke.http.ErasureHttp;
import no.budstikke.http.FollowUpHttp;
import no.budstikke.http.GapsHttp;
import no.budstikke.http.HeldEventsHttp;
import no.budstikke.http.NoticesHttp;
import no.budstikke.http.OpsHttp;
import no.budstikke.reload.ConfigReload;
import no.budstikke.retention.Erasure;
import no.budstikke.store.CaseFiles;
import no.budstikke.store.DeadlineRuns;
import no.budstikke.store.DispatchGaps;
import no.budstikke.store.EventStore;
import no.budstikke.store.Journal;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.QuarantineStore;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The ops API over every area, and how the routes write answers and failures. */
public final class ApiWiring implements CamelConfiguration {

    @BindToRegistry
    public AnswerWriter answerWriter() {
        return new AnswerWriter();
    }

    @BindToRegistry
    public Failures failures() {
        return new Failures();
    }

    @BindToRegistry
    public OpsHttp opsHttp(EventStore events, QuarantineStore quarantine, NoticeStore notices, DispatchGaps gaps) {
        return new OpsHttp(events, quarantine, notices, gaps);
    }

    @BindToRegistry
    public NoticesHttp noticesHttp(NoticeStore notices, Outbox outbox, Transactions transactions, Alerts alerts, DispatchGaps gaps) {
        return new NoticesHttp(notices, outbox, new Journal(transactions, alerts, gaps));
    }

    @BindToRegistry
    public GapsHttp gapsHttp(DispatchGaps gaps, DispatchService dispatch) {
        return new GapsHttp(gaps, dispatch);
    }

    @BindToRegistry
    public HeldEventsHttp heldEventsHttp(OtherCentreHolds holds) {
        return new HeldEventsHttp(holds);
    }

    @BindToRegistry
    public FollowUpHttp followUpHttp(Tasks tasks, Outbox outbox, Alerts alerts, CaseFiles caseFiles) {
        return new FollowUpHttp(tasks, outbox, alerts, caseFiles);
    }

    @BindToRegistry
    public DeadlinesHttp deadlinesHttp(Transactions transactions, DeadlineRuns runs, Deadlines deadlines) {
        return new DeadlinesHttp(transactions, runs, deadlines);
    }

    @BindToRegistry
    public ErasureHttp erasureHttp(Erasure erasure) {
        return new ErasureHttp(erasure);
    }

    @BindToRegistry
    public ConfigHttp configHttp(ConfigReload reload) {
        return new ConfigHttp(reload);
    }
}

package no.budstikke;

import java.time.Clock;
import no.budstikke.alert.Alerts;
import no.budstikke.camel.FollowUpMeters;
import no.budstikke.delivery.task.OverdueTasks;
import no.budstikke.delivery.task.Tasks;
import no.budstikke.store.FollowUpCounts;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Follow-up: tasks (calls to make), escalated when nobody acknowledges them in time, and the follow-up gauges. */
public final class TaskWiring implements CamelConfiguration {

    @BindToRegistry
    public Tasks tasks(Transactions transactions, Clock clock) {
        return new Tasks(transactions, clock);
    }

    @BindToRegistry
    public OverdueTasks overdueTasks(Tasks tasks, Alerts alerts, Transactions transactions) {
        return new OverdueTasks(tasks, alerts, transactions);
    }

    @BindToRegistry
    public FollowUpMeters followUpMeters(CamelContext context, Transactions transactions, Clock clock) {
        return new FollowUpMeters(context, new FollowUpCounts(transactions, clock));
    }
}

package no.budstikke;

import java.time.Clock;
import no.budstikke.camel.DeliveryHealthCheck;
import no.budstikke.camel.DeliveryMeters;
import no.budstikke.delivery.DeliverySettings;
import no.budstikke.delivery.Outbox;
import no.budstikke.delivery.task.TaskSettings;
import no.budstikke.model.NoticeDocument;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/** The notices and the outbox they leave through, with the delivery meters and health check that watch them. */
public final class OutboxWiring implements CamelConfiguration {

    @BindToRegistry
    public NoticeStore noticeStore(Transactions transactions, Clock clock, DeliverySettings delivery, TaskSettings tasks) {
        return new NoticeStore(transactions, clock, new NoticeDocument(delivery.senderOrganisation()), tasks.defaultDue());
    }

    @BindToRegistry
    public Outbox outbox(Transactions transactions, Clock clock, DeliverySettings delivery) {
        return new Outbox(transactions, clock, delivery.retryPolicies(), delivery.lease(), Math::random,
                delivery.officeBackoff(clock));
    }

    @BindToRegistry
    public DeliveryMeters deliveryMeters(CamelContext context, NoticeStore notices, Outbox outbox, Clock clock) {
        DeliveryMeters meters = new DeliveryMeters(context, notices, clock, outbox.offices());
        outbox.listen(meters);
        HealthCheckRegistry.get(context).register(new DeliveryHealthCheck(notices, outbox.offices()));
        return meters;
    }
}

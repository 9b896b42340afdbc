package no.budstikke;

import java.time.Clock;
import java.util.function.Supplier;
import no.budstikke.camel.DeliveryHealthCheck;
import no.budstikke.camel.DeliveryMeters;
import no.budstikke.delivery.DeliverySettings;
import no.budstikke.delivery.OfficeBackoff;
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

    /** Which offices this instance cannot reach: one per instance, shared by the outbox, its meters and health. */
    @BindToRegistry
    public OfficeBackoff officeBackoff(Clock clock, DeliverySettings delivery) {
        return delivery.officeBackoff(clock);
    }

    @BindToRegistry
    public Outbox outbox(Transactions transactions, Clock clock, DeliverySettings delivery, OfficeBackoff offices) {
        return new Outbox(transactions, clock, delivery.retryPolicies(), delivery.lease(), Math::random, offices);
    }

    @BindToRegistry
    public DeliveryMeters deliveryMeters(CamelContext context, NoticeStore notices, Outbox outbox, Clock clock) {
        // Looked up by name when read: the instance handed to a bean method here was seen not to be the
        // one the sending outbox keeps (the health check, registered once, showed no office away).
        Supplier<OfficeBackoff> offices = () -> context.getRegistry().lookupByNameAndType("officeBackoff", OfficeBackoff.class);
        DeliveryMeters meters = new DeliveryMeters(context, notices, clock, offices);
        outbox.listen(meters);
        HealthCheckRegistry.get(context).register(new DeliveryHealthCheck(notices, offices));
        return meters;
    }
}

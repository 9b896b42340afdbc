package no.budstikke;

import java.time.Clock;
import no.budstikke.delivery.DeliverySettings;
import no.budstikke.delivery.OfficeBackoff;
import no.budstikke.delivery.Outbox;
import no.budstikke.delivery.task.TaskSettings;
import no.budstikke.model.NoticeDocument;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The notices and the outbox they leave through, and which offices it cannot reach. */
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
}

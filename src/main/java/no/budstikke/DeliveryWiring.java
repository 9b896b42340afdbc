package no.budstikke;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import no.budstikke.camel.DeliveryHealthCheck;
import no.budstikke.camel.DeliveryMeters;
import no.budstikke.config.HubFolders;
import no.budstikke.delivery.ChannelRouter;
import no.budstikke.delivery.DeliverySettings;
import no.budstikke.delivery.FailureClassifier;
import no.budstikke.delivery.OfficeBackoff;
import no.budstikke.delivery.OutcomeQueue;
import no.budstikke.delivery.Outbox;
import no.budstikke.delivery.Sandbox;
import no.budstikke.delivery.Senders;
import no.budstikke.delivery.http.HttpFailures;
import no.budstikke.delivery.mail.MailComposer;
import no.budstikke.delivery.mail.MailFailures;
import no.budstikke.delivery.sftp.SftpFailures;
import no.budstikke.model.Channel;
import no.budstikke.store.NoticeStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/** Delivery: claimed notices sent on their channel (or into the sandbox), and failures read per channel. */
public final class DeliveryWiring implements CamelConfiguration {

    @BindToRegistry
    public ChannelRouter deliveryChannels(DeliverySettings settings) {
        return new ChannelRouter(settings.sandbox());
    }

    /** Outcomes written in groups, each failure named by its channel; what waits is written when Camel stops. */
    @BindToRegistry
    public OutcomeQueue deliveryOutcomes(CamelContext context, Outbox outbox, DeliverySettings settings, HttpFailures http,
                                         SftpFailures sftp, MailFailures mail) throws Exception {
        OutcomeQueue queue = OutcomeQueue.start(outbox, new FailureClassifier(Map.of(Channel.HTTP, http, Channel.SFTP, sftp, Channel.MAIL, mail)),
                settings.outcomeBatch(), settings.outcomeLinger());
        context.addService(StorageWiring.closing(queue));
        return queue;
    }

    /** The claim for free senders only, in lanes: one per sender of the delivery pool. */
    @BindToRegistry
    public Senders senders(Outbox outbox, DeliverySettings settings) {
        return new Senders(outbox, settings.lanes());
    }

    @BindToRegistry
    public Sandbox sandbox(HubFolders folders, MailComposer mail) {
        return new Sandbox(folders.sandboxDir(), mail::writeEml);
    }

    /** Sends run on their own pool, so a slow office holds up only its own thread, never intake. */
    @BindToRegistry
    public ExecutorService deliveryPool(CamelContext context, DeliverySettings settings) {
        return context.getExecutorServiceManager().newFixedThreadPool(DeliveryWiring.class, "delivery", settings.concurrency());
    }

    /** The meters and health check watching the outbox and which offices it cannot reach. */
    @BindToRegistry
    public DeliveryMeters deliveryMeters(CamelContext context, NoticeStore notices, Outbox outbox, Clock clock, OfficeBackoff offices) {
        DeliveryMeters meters = new DeliveryMeters(context, notices, clock, offices);
        outbox.listen(meters);
        HealthCheckRegistry.get(context).register(new DeliveryHealthCheck(notices, offices));
        return meters;
    }
}

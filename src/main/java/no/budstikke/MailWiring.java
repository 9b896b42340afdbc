package no.budstikke;

import java.time.Clock;
import no.budstikke.delivery.mail.MailComposer;
import no.budstikke.delivery.mail.MailFailures;
import no.budstikke.delivery.mail.MailRelay;
import no.budstikke.delivery.mail.MailSettings;
import no.budstikke.reload.LiveConfig;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The mail channel: notices written with the live templates, the relay's kept sessions, and what a failed send means. */
public final class MailWiring implements CamelConfiguration {

    @BindToRegistry
    public MailComposer mailComposer(LiveConfig live, MailSettings settings, Clock clock) {
        return new MailComposer(() -> live.current().templates(), settings.from(), clock);
    }

    /** Its sessions are closed (QUIT) when Camel stops. */
    @BindToRegistry
    public MailRelay mailRelay(MailSettings settings, CamelContext context) throws Exception {
        MailRelay relay = new MailRelay(settings);
        context.addService(StorageWiring.closing(relay));
        return relay;
    }

    @BindToRegistry
    public MailFailures mailFailures() {
        return new MailFailures();
    }
}

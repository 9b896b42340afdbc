package no.budstikke;

import java.time.Clock;
import no.budstikke.alert.Alerts;
import no.budstikke.alert.OpsMailbox;
import no.budstikke.config.HubSettings;
import no.budstikke.store.NoticeStore;
import no.budstikke.store.Transactions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Alerts for ops, on the ops API and mailed to ops' mailbox. */
public final class AlertWiring implements CamelConfiguration {

    @BindToRegistry
    public OpsMailbox opsMailbox(HubSettings settings) {
        return OpsMailbox.from(settings);
    }

    @BindToRegistry
    public Alerts alerts(Transactions transactions, Clock clock, NoticeStore notices, OpsMailbox mailbox) {
        return new Alerts(transactions, clock, notices, mailbox.address());
    }
}

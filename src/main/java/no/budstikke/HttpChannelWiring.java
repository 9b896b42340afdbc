package no.budstikke;

import java.time.Clock;
import no.budstikke.config.HubSettings;
import no.budstikke.delivery.http.HttpFailures;
import no.budstikke.delivery.http.OfficeSecrets;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The HTTP channel: the offices' credentials, and what a failed post means. */
public final class HttpChannelWiring implements CamelConfiguration {

    @BindToRegistry
    public OfficeSecrets officeSecrets(HubSettings settings) {
        return new OfficeSecrets(settings::optional, System::getenv);
    }

    @BindToRegistry
    public HttpFailures httpFailures(Clock clock) {
        return new HttpFailures(clock);
    }
}

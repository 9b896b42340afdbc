package no.budstikke.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import no.budstikke.config.HubSettings;
import no.budstikke.model.Channel;

/** Reads the per-channel retry policies: {@code budstikke.delivery.retry.<channel>.*}. */
public final class DeliverySettings {

    private DeliverySettings() {
    }

    public static Map<Channel, RetryPolicy> retryPolicies(HubSettings s) {
        Map<Channel, RetryPolicy> policies = new EnumMap<>(Channel.class);
        for (Channel c : new Channel[] {Channel.MAIL, Channel.SFTP, Channel.HTTP}) {
            String p = "budstikke.delivery.retry." + c.name().toLowerCase(Locale.ROOT) + ".";
            policies.put(c, new RetryPolicy(
                    Duration.ofMillis(s.integer(p + "initial-ms", 10_000)),
                    s.decimal(p + "multiplier", 2),
                    Duration.ofMillis(s.integer(p + "max-delay-ms", 1_800_000)),
                    s.integer(p + "max-attempts", 12),
                    s.decimal(p + "jitter", 0.2)));
        }
        return policies;
    }
}

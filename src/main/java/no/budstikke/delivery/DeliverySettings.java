package no.budstikke.delivery;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;
import no.budstikke.model.Channel;

/**
 * How notices go out ({@code budstikke.delivery.*}): the retry policy per channel, the lease on a
 * claimed notice, how many are sent at once, whether they go to the sandbox, and the name they
 * carry as sender. The poll interval, batch size and HTTP timeouts are read by the routes.
 */
public record DeliverySettings(Map<Channel, RetryPolicy> retryPolicies, Duration lease, int concurrency, boolean sandbox,
                               String senderOrganisation) {

    public static final Setting<Integer> LEASE_MS = Setting.wholeNumber("budstikke.delivery.lease-ms", 120_000);
    public static final Setting<Integer> CONCURRENCY = Setting.wholeNumber("budstikke.delivery.concurrency", 4);
    public static final Setting<String> SENDER_ORGANISATION =
            Setting.text("budstikke.sender.organisation", "Budstikke, mottakssystemet for enslige mindre\u00e5rige");
    public static final RetrySettings MAIL_RETRY = RetrySettings.of(Channel.MAIL, 10_000);
    public static final RetrySettings SFTP_RETRY = RetrySettings.of(Channel.SFTP, 10_000);
    public static final RetrySettings HTTP_RETRY = RetrySettings.of(Channel.HTTP, 5_000);

    /** The settings of one channel's retries: {@code budstikke.delivery.retry.<channel>.*}. */
    public record RetrySettings(Setting<Integer> initialMs, Setting<Double> multiplier, Setting<Integer> maxDelayMs,
                                Setting<Integer> maxAttempts, Setting<Double> jitter) {

        static RetrySettings of(Channel channel, int initialMs) {
            String p = "budstikke.delivery.retry." + channel.name().toLowerCase(Locale.ROOT) + ".";
            return new RetrySettings(Setting.wholeNumber(p + "initial-ms", initialMs), Setting.number(p + "multiplier", 2),
                    Setting.wholeNumber(p + "max-delay-ms", 1_800_000), Setting.wholeNumber(p + "max-attempts", 12),
                    Setting.number(p + "jitter", 0.2));
        }

        RetryPolicy in(HubSettings s) {
            return new RetryPolicy(Duration.ofMillis(initialMs.in(s)), multiplier.in(s), Duration.ofMillis(maxDelayMs.in(s)),
                    maxAttempts.in(s), jitter.in(s));
        }
    }

    public static DeliverySettings from(HubSettings settings) {
        Map<Channel, RetryPolicy> policies = new EnumMap<>(Channel.class);
        policies.put(Channel.MAIL, MAIL_RETRY.in(settings));
        policies.put(Channel.SFTP, SFTP_RETRY.in(settings));
        policies.put(Channel.HTTP, HTTP_RETRY.in(settings));
        return new DeliverySettings(Collections.unmodifiableMap(policies), Duration.ofMillis(LEASE_MS.in(settings)),
                CONCURRENCY.in(settings), settings.sandbox(), SENDER_ORGANISATION.in(settings));
    }
}

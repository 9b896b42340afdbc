package no.budstikke.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.config.Setting;
import no.budstikke.model.Channel;

/**
 * How notices go out ({@code budstikke.delivery.*}): the retry policy per channel, the lease on a
 * claimed notice and how often it is renewed while the notice is in hand, how many are sent at
 * once, whether they go to the sandbox, and the name they carry as sender. The poll interval,
 * batch size and HTTP timeouts are read by the routes (the renew interval by the renewing route too).
 * An office that cannot be reached is probed after {@code probeStart}, then twice as long each time up
 * to {@code probeCap}, and shown as down after {@code downAfter} failures in a row ({@link OfficeBackoff}).
 * No office holds more than {@code maxSendersPerOffice} senders, and {@code urgentSenders} of them are
 * kept for URGENT notices ({@link Lanes}). Outcomes are written up to {@code outcomeBatch} per
 * transaction, gathered for at most {@code outcomeLinger} ({@link OutcomeQueue}).
 */
public record DeliverySettings(Map<Channel, RetryPolicy> retryPolicies, Duration lease, Duration leaseRenew, int concurrency,
                               boolean sandbox, String senderOrganisation, Duration probeStart, Duration probeCap, int downAfter,
                               int maxSendersPerOffice, int urgentSenders, int outcomeBatch, Duration outcomeLinger) {

    /** Short, so that the notices of an instance that died are taken over within seconds (docs/decisions/0011). */
    public static final Setting<Integer> LEASE_MS = Setting.wholeNumber("budstikke.delivery.lease-ms", 6_000);
    /** A third of the lease: two renewals may be missed before another instance may take a notice over. */
    public static final Setting<Integer> LEASE_RENEW_MS = Setting.wholeNumber("budstikke.delivery.lease-renew-ms", 2_000);
    public static final Setting<Integer> CONCURRENCY = Setting.wholeNumber("budstikke.delivery.concurrency", 4);
    public static final Setting<String> SENDER_ORGANISATION =
            Setting.text("budstikke.sender.organisation", "Budstikke, mottakssystemet for enslige mindre\u00e5rige");
    /** Short and capped, so that an office that comes back is served within seconds. */
    public static final Setting<Integer> PROBE_START_MS = Setting.wholeNumber("budstikke.delivery.office.probe-start-ms", 1_000);
    public static final Setting<Integer> PROBE_CAP_MS = Setting.wholeNumber("budstikke.delivery.office.probe-cap-ms", 5_000);
    public static final Setting<Integer> DOWN_AFTER = Setting.wholeNumber("budstikke.delivery.office.down-after", 3);
    /** Small, so that a slow or hanging office holds few senders and the others keep their speed. */
    public static final Setting<Integer> MAX_SENDERS_PER_OFFICE = Setting.wholeNumber("budstikke.delivery.max-senders-per-office", 2);
    /** Senders only URGENT notices may take, so that one never waits for a routine notice to be sent. */
    public static final Setting<Integer> URGENT_SENDERS = Setting.wholeNumber("budstikke.delivery.urgent-senders", 1);
    public static final Setting<Integer> OUTCOME_BATCH = Setting.wholeNumber("budstikke.delivery.outcome-batch", 100);
    /** Short: an outcome waits this long at most for others to share its commit. */
    public static final Setting<Integer> OUTCOME_FLUSH_MS = Setting.wholeNumber("budstikke.delivery.outcome-flush-ms", 5);
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
        DeliverySettings delivery = new DeliverySettings(Collections.unmodifiableMap(policies), Duration.ofMillis(LEASE_MS.in(settings)),
                leaseRenew(settings), CONCURRENCY.in(settings), settings.sandbox(), SENDER_ORGANISATION.in(settings),
                Duration.ofMillis(PROBE_START_MS.in(settings)), Duration.ofMillis(PROBE_CAP_MS.in(settings)), DOWN_AFTER.in(settings),
                perOffice(settings), urgentSenders(settings), OUTCOME_BATCH.in(settings),
                Duration.ofMillis(OUTCOME_FLUSH_MS.in(settings)));
        delivery.officeBackoff(Clock.systemUTC()); // refuses settings out of range at start-up
        delivery.lanes();
        inRange(OUTCOME_BATCH, delivery.outcomeBatch(), 1, 10_000);
        inRange(OUTCOME_FLUSH_MS, (int) delivery.outcomeLinger().toMillis(), 0, 1_000);
        return delivery;
    }

    /** This instance's senders, and which notices each may take. */
    public Lanes lanes() {
        if (concurrency < 1) {
            throw new ConfigException("setting " + CONCURRENCY.key() + ": " + concurrency + " is out of range; expected 1 or more senders");
        }
        inRange(URGENT_SENDERS, urgentSenders, 0, concurrency - 1);
        inRange(MAX_SENDERS_PER_OFFICE, maxSendersPerOffice, 1, concurrency);
        return new Lanes(concurrency, urgentSenders, maxSendersPerOffice);
    }

    /** Given, it must fit the senders; by default 2, or every sender when there are fewer. */
    private static int perOffice(HubSettings settings) {
        return MAX_SENDERS_PER_OFFICE.given(settings).orElse(Math.min(MAX_SENDERS_PER_OFFICE.defaultValue().orElseThrow(),
                Math.max(1, CONCURRENCY.in(settings))));
    }

    /** Given, it must leave a sender for routine notices; by default 1, or none when there is one sender only. */
    private static int urgentSenders(HubSettings settings) {
        return URGENT_SENDERS.given(settings).orElse(Math.min(URGENT_SENDERS.defaultValue().orElseThrow(),
                Math.max(0, CONCURRENCY.in(settings) - 1)));
    }

    private static void inRange(Setting<Integer> setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException("setting " + setting.key() + ": " + value + " is out of range; expected " + min + " to " + max
                    + (setting == URGENT_SENDERS || setting == MAX_SENDERS_PER_OFFICE ? " (" + CONCURRENCY.key() + " is the number of senders)" : ""));
        }
    }

    /** This instance's view of which offices it cannot reach. */
    public OfficeBackoff officeBackoff(Clock clock) {
        try {
            return new OfficeBackoff(clock, probeStart, probeCap, downAfter);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("settings " + PROBE_START_MS.key() + ", " + PROBE_CAP_MS.key() + ", " + DOWN_AFTER.key() + ": "
                    + e.getMessage());
        }
    }

    /** A renewal must come before the lease runs out, or a live instance's notices would be taken from it. */
    private static Duration leaseRenew(HubSettings settings) {
        int lease = LEASE_MS.in(settings);
        int renew = LEASE_RENEW_MS.in(settings);
        if (renew < 1 || renew >= lease) {
            throw new ConfigException("setting " + LEASE_RENEW_MS.key() + ": " + renew + " is out of range; expected 1 to "
                    + (lease - 1) + " ms, less than " + LEASE_MS.key() + " (" + lease + "), best a third of it or less");
        }
        return Duration.ofMillis(renew);
    }
}

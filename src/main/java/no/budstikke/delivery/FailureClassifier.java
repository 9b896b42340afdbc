package no.budstikke.delivery;

import java.util.Map;
import java.util.Optional;
import no.budstikke.model.Channel;

/**
 * Names a delivery failure by asking the classifier of the channel that failed; anything it does
 * not recognise is transient, so an unforeseen error is retried (and ends in DEAD) rather than lost.
 */
public final class FailureClassifier {

    private final Map<Channel, ChannelFailures> channels;

    public FailureClassifier(Map<Channel, ChannelFailures> channels) {
        this.channels = Map.copyOf(channels);
    }

    public Failure classify(Channel channel, Throwable t) {
        return Optional.ofNullable(channels.get(channel)).flatMap(c -> c.classify(t))
                .orElseGet(() -> Failure.transientFailure(t == null ? "unknown failure" : t.getClass().getName()));
    }
}

package no.budstikke.delivery;

import java.util.List;
import java.util.Optional;

/**
 * Names a delivery failure by asking each channel's classifier; anything none recognises is
 * transient, so an unforeseen error is retried (and ends in DEAD) rather than lost.
 */
public final class FailureClassifier {

    private final List<ChannelFailures> channels;

    public FailureClassifier(List<ChannelFailures> channels) {
        this.channels = List.copyOf(channels);
    }

    public Failure classify(Throwable t) {
        for (ChannelFailures c : channels) {
            Optional<Failure> f = c.classify(t);
            if (f.isPresent()) return f.get();
        }
        return Failure.transientFailure(t == null ? "unknown failure" : t.getClass().getName());
    }
}

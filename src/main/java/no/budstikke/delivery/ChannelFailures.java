package no.budstikke.delivery;

import java.util.Optional;

/** Knows the failures of one channel: empty for an exception it does not recognise. */
public interface ChannelFailures {

    Optional<Failure> classify(Throwable failure);
}

package no.budstikke.delivery;

/** What the delivery route calls when a channel threw: name the failure, then schedule or bury the notice. */
public final class DeliveryFailures {

    private final FailureClassifier classifier;
    private final Outbox outbox;

    public DeliveryFailures(FailureClassifier classifier, Outbox outbox) {
        this.classifier = classifier;
        this.outbox = outbox;
    }

    public void record(Delivery delivery, Throwable failure) {
        outbox.failed(delivery, classifier.classify(delivery.channel(), failure));
    }
}

package no.budstikke.delivery;

/** Told of each recorded outcome, for metrics. Implementations must be quick and must not throw. */
public interface OutboxListener {

    enum Outcome { DELIVERED, RETRY, DEAD }

    void recorded(Delivery delivery, Outcome outcome);

    OutboxListener NONE = (delivery, outcome) -> { };
}

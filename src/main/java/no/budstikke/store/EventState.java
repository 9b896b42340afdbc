package no.budstikke.store;

/**
 * Where a received event is in the pipeline ({@code inbound_event.status}, stored as the name).
 * Dispatch takes RECEIVED and RELEASED events; HELD waits for ops, who release or reject it.
 */
public enum EventState {
    RECEIVED, DISPATCHED, DISPATCH_FAILED, HELD, RELEASED, REJECTED, ERASED
}

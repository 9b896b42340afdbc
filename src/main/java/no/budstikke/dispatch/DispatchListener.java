package no.budstikke.dispatch;

import no.budstikke.store.Transaction;

/**
 * Follow-up work on a dispatched event (deadlines, alerts, claims), done in the transaction that
 * dispatches it: it happens exactly when the event's notices are written, or not at all.
 */
@FunctionalInterface
public interface DispatchListener {

    void dispatched(Transaction c, Dispatched d);
}

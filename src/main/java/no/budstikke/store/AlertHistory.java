package no.budstikke.store;

import java.util.List;

/** The alerts raised for one event, for its journal. Storage owns the question so that it need not import the alert area. */
public interface AlertHistory {

    List<StoredAlert> forEvent(Transaction c, String eventKey);
}

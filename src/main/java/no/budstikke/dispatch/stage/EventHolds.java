package no.budstikke.dispatch.stage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import no.budstikke.model.CaseFile;
import no.budstikke.store.Transaction;

/**
 * Decides, before an event is dispatched, whether it must wait for ops instead. Declared here so
 * that dispatch knows only this question, and the areas that answer it (the case file) import
 * dispatch, never the other way round.
 */
public interface EventHolds {

    /**
     * Holds the event in the dispatching transaction if it must wait for ops; returns whether it did.
     *
     * @param before the case file as the event finds it
     */
    boolean holdIfForeign(Transaction tx, String key, JsonNode event, Optional<CaseFile> before);
}

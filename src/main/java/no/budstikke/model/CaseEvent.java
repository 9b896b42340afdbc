package no.budstikke.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One stored event of a case, as the case history reads it.
 *
 * @param seq  the order the hub received it in: breaks ties between events of the same time
 * @param told the offices its disappearance duties (O19–O24) were decided for, from the journal;
 *             empty for other events
 */
public record CaseEvent(String key, String type, Instant time, long seq, JsonNode data, List<Office> told) {
}

package no.budstikke.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import no.budstikke.model.CaseFile;
import no.budstikke.model.Unresolved;

/**
 * One event just dispatched, for the {@link DispatchListener}s.
 *
 * @param before    the case as the event found it (empty: no earlier event of the case, or no DUF number)
 * @param after     the case with the event applied (empty without a DUF number)
 * @param noticeIds the ids of the notices decided for it, most urgent first
 * @param unresolved the duties whose recipient could not be resolved
 * @param configVersion the config version that decided it (null when not known)
 * @param dispatcher the config that decided it, for listeners that decide more with the same config
 */
public record Dispatched(String key, JsonNode event, Optional<CaseFile> before, Optional<CaseFile> after, List<String> noticeIds,
                         List<Unresolved> unresolved, String configVersion, Dispatcher dispatcher) {

    public String type() {
        return event.path("type").asText();
    }
}

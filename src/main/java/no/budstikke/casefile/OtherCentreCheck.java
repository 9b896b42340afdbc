package no.budstikke.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import no.budstikke.auth.CentreSource;
import no.budstikke.model.CaseFile;
import no.budstikke.model.CaseHistory;

/**
 * Whether an event speaks for a case its sender is not responsible for: a centre's event about a
 * resident whose case file says the resident lives at another centre. Every centre event carries
 * the person and the centre, so applying it would rewrite the file (name, birth date, centre) and
 * may close a disappearance and tell the other centre's offices; such an event waits for ops.
 *
 * <p>Moving between centres stays automatic: the old centre's departure names the new centre, which
 * then is the current one, and a new centre's arrival naming the current centre as where the
 * child came from is taken as a transfer whose departure the hub did not get, unless the child is
 * missing: then it would close another centre's disappearance, which ops must see first.
 */
public final class OtherCentreCheck {

    /** Why the event must wait for ops, or empty when it is the case's own centre (or no centre) speaking. */
    public Optional<String> holdReason(JsonNode event, Optional<CaseFile> before) {
        Optional<String> sender = CentreSource.centreOf(event.path("source").asText());
        if (sender.isEmpty() || before.isEmpty() || before.get().centre() == null) return Optional.empty();
        CaseFile file = before.get();
        String current = file.centre().id();
        if (sender.get().equals(current)) return Optional.empty();
        boolean transfer = CaseHistory.ARRIVED.equals(event.path("type").asText())
                && current.equals(event.path("data").path("fromCentreId").asText(null))
                && file.openEpisode().isEmpty();
        if (transfer) return Optional.empty();
        return Optional.of("centre " + sender.get() + " sent an event about a resident whose case file is at centre " + current);
    }
}

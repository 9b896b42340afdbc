package no.budstikke.casefile;

import no.budstikke.store.Transaction;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import no.budstikke.alert.Alert;
import no.budstikke.alert.Alerts;
import no.budstikke.dispatch.stage.EventHolds;
import no.budstikke.model.CaseFile;
import no.budstikke.model.Priority;
import no.budstikke.store.EventState;
import no.budstikke.store.HeldEvents;
import no.budstikke.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a centre's event about another centre's resident (see {@link OtherCentreCheck}) with an
 * alert, and carries out ops' verdict: released, it is dispatched as usual; rejected, never.
 */
public final class OtherCentreHolds implements EventHolds {

    public static final String ALERT_KIND = "EVENT_FROM_ANOTHER_CENTRE";

    /** Holding these delays a report that a child may be in danger: ops must look at once. */
    private static final Set<String> URGENT_TYPES = Set.of("no.udi.mot.resident.missing.v1", "no.udi.mot.leave.overdue.v1",
            "no.udi.mot.resident.moved-without-clearance.v1");
    private static final Logger LOG = LoggerFactory.getLogger(OtherCentreHolds.class);

    private final OtherCentreCheck check;
    private final HeldEvents held;
    private final Alerts alerts;
    private final Transactions transactions;

    public OtherCentreHolds(OtherCentreCheck check, HeldEvents held, Alerts alerts, Transactions transactions) {
        this.check = check;
        this.held = held;
        this.alerts = alerts;
        this.transactions = transactions;
    }

    @Override
    public boolean holdIfForeign(Transaction c, String key, JsonNode event, Optional<CaseFile> before) {
        Optional<String> reason = check.holdReason(event, before);
        if (reason.isEmpty()) return false;
        String type = event.path("type").asText();
        held.hold(c, key, reason.get());
        alerts.raise(c, new Alert(ALERT_KIND + ":" + key, ALERT_KIND, URGENT_TYPES.contains(type) ? Priority.URGENT : Priority.HIGH,
                key, "An event from another centre than the case's is held",
                "A " + type + " event: " + reason.get() + ". Nothing was sent and the case file is unchanged."
                        + " Check with both centres, then POST /api/v1/events/" + key + "/release to dispatch it as usual"
                        + " or /api/v1/events/" + key + "/reject to drop it."));
        LOG.warn("dispatch event key={} type={} held: from another centre than the case's", key, type);
        return true;
    }

    /** Lets a held event be dispatched as usual (by the next dispatch tick) and closes its alert. */
    public HeldEvents.Review release(String key, String actor) {
        return review(key, EventState.RELEASED, actor);
    }

    /** Marks a held event rejected: it is never dispatched. Closes its alert. */
    public HeldEvents.Review reject(String key, String actor) {
        return review(key, EventState.REJECTED, actor);
    }

    private HeldEvents.Review review(String key, EventState verdict, String actor) {
        return transactions.inTransaction(c -> {
            HeldEvents.Review r = held.review(c, key, verdict, actor);
            if (r == HeldEvents.Review.DONE) {
                alerts.acknowledge(c, ALERT_KIND + ":" + key, actor);
                LOG.info("held event key={} {} by {}", key, verdict, actor);
            }
            return r;
        });
    }
}

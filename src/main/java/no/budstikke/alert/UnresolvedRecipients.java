package no.budstikke.alert;

import no.budstikke.store.Transaction;
import no.budstikke.dispatch.DispatchListener;
import no.budstikke.dispatch.Dispatched;
import no.budstikke.model.Unresolved;

/**
 * A duty whose recipient could not be resolved is never a silent gap: it raises an alert at once,
 * at the priority the notice would have had, naming the duty, the role and the municipality (a
 * number, never a person). Ops fix the directory and replay the gap (docs/dispatch.md).
 */
public final class UnresolvedRecipients implements DispatchListener {

    public static final String KIND = "UNRESOLVED_RECIPIENT";

    private final Alerts alerts;

    public UnresolvedRecipients(Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public void dispatched(Transaction tx, Dispatched d) {
        for (Unresolved u : d.unresolved()) {
            String where = u.municipality() == null ? "" : " for municipality " + u.municipality();
            String told = u.fallback() == null ? " Nobody was told: the directory names no fallback for " + u.role() + "."
                    : " The notice went to the fallback office " + u.fallback() + " meanwhile.";
            alerts.raise(tx, new Alert(KIND + ":" + d.key() + ":" + u.duty() + ":" + u.role(), KIND, u.priority(), d.key(),
                    u.duty() + ": no " + u.role() + " office" + where,
                    u.reason() + "." + told + " Fix config/directory.yaml, then replay the gap (GET /api/v1/gaps)."));
        }
    }
}

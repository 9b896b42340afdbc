package no.budstikke.casefile;

import no.budstikke.store.Transaction;
import no.budstikke.alert.Alert;
import no.budstikke.alert.Alerts;
import no.budstikke.dispatch.DispatchListener;
import no.budstikke.dispatch.Dispatched;
import no.budstikke.model.CaseFile;
import no.budstikke.model.CaseHistory;
import no.budstikke.model.Priority;

/**
 * A return the hub knows no disappearance for is recorded like any event, and flagged for ops: the
 * missing report may never have reached the hub, and then nobody was told either way. A repeat of
 * the return that closed the last disappearance is not news and raises nothing.
 */
public final class UnmatchedReturns implements DispatchListener {

    public static final String KIND = "RETURN_WITHOUT_EPISODE";

    private final Alerts alerts;

    public UnmatchedReturns(Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public void dispatched(Transaction c, Dispatched d) {
        if (!CaseHistory.RETURNED.equals(d.type()) || d.after().isEmpty()) return;
        boolean open = d.before().flatMap(CaseFile::openEpisode).isPresent();
        boolean repeat = d.before().map(f -> f.lastReturnKey() != null).orElse(false);
        if (open || repeat) return;
        alerts.raise(c, new Alert(KIND + ":" + d.key(), KIND, Priority.HIGH, d.key(),
                "A return without a known disappearance",
                "The hub knows of no open disappearance for this case, so no back-again notice (O25) went out."
                        + " Check whether the missing report reached the hub and who must be told."));
    }
}

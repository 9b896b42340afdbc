package no.budstikke.console;

import java.util.List;
import java.util.Map;
import no.budstikke.alert.Alerts;
import no.budstikke.console.auth.ConsoleAccess;
import no.budstikke.console.auth.Viewer;
import no.budstikke.http.HttpAnswer;
import no.budstikke.store.StoredAlert;

/** Varsler: open alerts, newest first, and acknowledging one as the person signed in. */
public final class AlertsPage {

    static final int SHOWN = 200;

    private final Alerts alerts;
    private final ConsoleHtml html;

    public AlertsPage(Alerts alerts, ConsoleHtml html) {
        this.alerts = alerts;
        this.html = html;
    }

    public record AlertRow(long id, String kind, String priority, String subject, String detail, String raisedAt,
                           boolean open, String acknowledgedBy) {
    }

    public record AlertsView(Frame frame, List<AlertRow> open, List<AlertRow> done, String problem) {
    }

    public HttpAnswer show(Viewer viewer) {
        return html.page(200, "alerts", view(viewer, null));
    }

    public HttpAnswer acknowledge(Viewer viewer, Map<String, String> form) {
        long id;
        try {
            id = Long.parseLong(form.getOrDefault("varsel", "").trim());
        } catch (NumberFormatException e) {
            return html.page(404, "alerts", view(viewer, "Fant ikke varselet."));
        }
        if (alerts.get(id).isEmpty()) return html.page(404, "alerts", view(viewer, "Fant ikke varselet."));
        if (!alerts.acknowledge(id, viewer.person().actor())) {
            return html.page(409, "alerts", view(viewer, "Varselet var allerede kvittert ut."));
        }
        return ConsoleHtml.seeOther(ConsoleAccess.ALERTS);
    }

    AlertsView view(Viewer viewer, String problem) {
        List<AlertRow> rows = alerts.list(true, SHOWN).stream().map(AlertsPage::row).toList();
        return new AlertsView(Frame.of("Varsler", "varsler", viewer), rows.stream().filter(AlertRow::open).toList(),
                rows.stream().filter(r -> !r.open()).toList(), problem);
    }

    private static AlertRow row(StoredAlert a) {
        return new AlertRow(a.id(), a.kind(), a.priority(), a.subject(), a.detail(), Times.shown(a.raisedAt()),
                a.acknowledgedBy() == null, a.acknowledgedBy());
    }
}

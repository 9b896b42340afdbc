package no.budstikke.console.notice;

import java.util.List;
import no.budstikke.console.ConsoleHtml;
import no.budstikke.console.Frame;
import no.budstikke.console.auth.Viewer;
import no.budstikke.deadline.Deadlines;
import no.budstikke.http.HttpAnswer;
import no.budstikke.model.Deadline;
import no.budstikke.store.DeadlineOverview;

/**
 * Frister: the deadlines running, at risk and breached, with their due times in Norwegian time; at
 * risk and breached ones marked. A run is named by its deadline, starting event and region, never by its case.
 */
public final class DeadlinesPage {

    static final int SHOWN = 200;

    private final DeadlineOverview overview;
    private final Deadlines deadlines;
    private final ConsoleHtml html;

    public DeadlinesPage(DeadlineOverview overview, Deadlines deadlines, ConsoleHtml html) {
        this.overview = overview;
        this.deadlines = deadlines;
        this.html = html;
    }

    /** @param mark "bad" for breached, "warn" for at risk, null otherwise: the row's class */
    public record RunRow(String deadlineId, String title, String standing, String mark, String dueAt, String atRiskAt, String startedAt,
                         String breachedAt, String eventKey, String udiRegion, int round) {
    }

    public record DeadlinesView(Frame frame, List<RunRow> runs, long running, long atRisk, long breached) {
    }

    public HttpAnswer show(Viewer viewer) {
        DeadlineOverview.Overview o = overview.overview(SHOWN);
        List<RunRow> rows = o.runs().stream().map(this::row).toList();
        return html.page(200, "deadline/deadlines", new DeadlinesView(Frame.of("Frister", "frister", viewer).refreshing(), rows,
                o.running(), o.atRisk(), o.breached()));
    }

    private RunRow row(DeadlineOverview.Run r) {
        String title = deadlines.byId(r.deadlineId()).map(Deadline::title).orElse("");
        String standing = switch (r.standing()) {
            case RUNNING -> "Løper";
            case AT_RISK -> "I fare";
            case BREACHED -> r.breachedAt() == null ? "Overskredet" : "Brutt";
        };
        String mark = switch (r.standing()) {
            case RUNNING -> null;
            case AT_RISK -> "warn";
            case BREACHED -> "bad";
        };
        return new RunRow(r.deadlineId(), title, standing, mark, Labels.time(r.dueAt()), Labels.time(r.atRiskAt()),
                Labels.time(r.startedAt()), Labels.time(r.breachedAt()), r.eventKey(), r.udiRegion() == null ? "–" : r.udiRegion(),
                r.round());
    }
}

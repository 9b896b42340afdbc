package no.budstikke.console;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.budstikke.console.auth.Viewer;
import no.budstikke.delivery.OfficeBackoff;
import no.budstikke.http.HttpAnswer;
import no.budstikke.store.DeadlineOverview;
import no.budstikke.store.FollowUpCounts;
import no.budstikke.store.NoticeStatus;
import no.budstikke.store.NoticeStore;

/**
 * Oversikt: each office's delivery state and backlog, dead letters, open alerts, overdue tasks and
 * deadlines at risk or breached, from the stores the health check and the metrics read. Counts and office ids
 * only: nothing personal.
 */
public final class OverviewPage {

    /** Dead letters are counted up to this; more shows as "1000+". */
    static final int DEAD_COUNTED = 1000;

    private final OfficeBackoff offices;
    private final NoticeStore notices;
    private final FollowUpCounts counts;
    private final DeadlineOverview deadlines;
    private final ConsoleHtml html;
    private final Clock clock;

    public OverviewPage(OfficeBackoff offices, NoticeStore notices, FollowUpCounts counts, DeadlineOverview deadlines, ConsoleHtml html,
                        Clock clock) {
        this.offices = offices;
        this.deadlines = deadlines;
        this.notices = notices;
        this.counts = counts;
        this.html = html;
        this.clock = clock;
    }

    /** One office on one channel: its state, what waits for it and since when, and how much failed. */
    public record OfficeRow(String officeId, String channel, String state, boolean troubled, long waiting, String oldestWaiting,
                            long failed) {
    }

    public record OverviewView(Frame frame, List<OfficeRow> offices, String deadLetters, long openAlerts, long tasksOpen,
                               long tasksOverdue, long deadlinesRunning, long deadlinesAtRisk, long deadlinesBreached,
                               String updatedAt) {
    }

    public HttpAnswer show(Viewer viewer) {
        return html.page(200, "overview", view(viewer));
    }

    OverviewView view(Viewer viewer) {
        Map<String, OfficeBackoff.State> states = offices.states();
        Map<String, OfficeRow> rows = new TreeMap<>();
        for (NoticeStore.Backlog b : notices.backlog()) {
            OfficeBackoff.State state = states.getOrDefault(b.officeId(), OfficeBackoff.State.RECEIVING);
            rows.put(b.officeId() + "/" + b.channel(), new OfficeRow(b.officeId(), b.channel(), shown(state),
                    state != OfficeBackoff.State.RECEIVING, b.pending(), Times.shown(b.oldestCreatedAt()), b.failed()));
        }
        // An office in back-off with nothing waiting is still worth seeing.
        states.forEach((office, state) -> {
            if (rows.keySet().stream().noneMatch(k -> k.startsWith(office + "/"))) {
                rows.put(office + "/", new OfficeRow(office, "–", shown(state), state != OfficeBackoff.State.RECEIVING, 0, "–", 0));
            }
        });
        FollowUpCounts.Counts c = counts.read();
        // One count of each: an overdue run is breached, not also at risk (as the metrics, which count by state, would have it).
        DeadlineOverview.Overview d = deadlines.overview(1);
        int dead = notices.list(List.of(NoticeStatus.DEAD), null, DEAD_COUNTED).size();
        return new OverviewView(Frame.of("Oversikt", "oversikt", viewer).refreshing(), new ArrayList<>(rows.values()),
                dead >= DEAD_COUNTED ? DEAD_COUNTED + "+" : Integer.toString(dead),
                sum(c.alertsOpen()), c.tasksOpen(), c.tasksOverdue(), d.running(), d.atRisk(), d.breached(),
                Times.shown(OffsetDateTime.now(clock)));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String shown(OfficeBackoff.State state) {
        return switch (state) {
            case RECEIVING -> "Tar imot";
            case BACKING_OFF -> "Venter før nytt forsøk";
            case DOWN -> "Nede";
        };
    }
}

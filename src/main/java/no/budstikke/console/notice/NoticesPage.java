package no.budstikke.console.notice;

import java.util.Arrays;
import java.util.List;
import no.budstikke.console.ConsoleHtml;
import no.budstikke.console.Frame;
import no.budstikke.console.auth.Viewer;
import no.budstikke.http.HttpAnswer;
import no.budstikke.model.Priority;
import no.budstikke.store.NoticeSearch;
import no.budstikke.store.NoticeStatus;

/** Meldinger: the notice search, newest first, {@value NoticeFilter#PAGE_SIZE} at a time; each row links to its notice. */
public final class NoticesPage {

    static final String PATH = "/console/meldinger";

    private final NoticeSearch search;
    private final ConsoleHtml html;

    public NoticesPage(NoticeSearch search, ConsoleHtml html) {
        this.search = search;
        this.html = html;
    }

    /** A choice in a select: its value, its label, and whether it is chosen. */
    public record Option(String value, String label, boolean selected) {
    }

    public record Row(String noticeId, String link, String createdAt, String duty, boolean copy, String officeId, String channel,
                      String priority, String status, boolean troubled, int attempts) {
    }

    /**
     * @param searched whether the form asked for anything (else the newest notices are shown)
     * @param nextLink the next page's URL, null on the last page
     * @param firstLink the first page's URL, null on the first page
     */
    public record NoticesView(Frame frame, NoticeFilter filter, List<Option> statuses, List<Option> priorities, List<String> problems,
                              List<Row> rows, String nextLink, String firstLink) {
    }

    /** @param rawQuery the query string as it came, still encoded; null when there is none */
    public HttpAnswer show(Viewer viewer, String rawQuery) {
        NoticeFilter.Read read = NoticeFilter.read(rawQuery);
        NoticeFilter f = read.filter();
        Frame frame = Frame.of("Meldinger", "meldinger", viewer);
        if (read.query().isEmpty()) {
            return html.page(400, "notice/notices", new NoticesView(frame, f, statuses(f), priorities(f), read.problems(), List.of(),
                    null, null));
        }
        NoticeSearch.Page page = search.search(read.query().get());
        List<Row> rows = page.notices().stream().map(NoticesPage::row).toList();
        String next = page.next().map(c -> PATH + "?" + f.next(c)).orElse(null);
        String first = f.page().isEmpty() ? null : PATH + (f.first().isEmpty() ? "" : "?" + f.first());
        return html.page(200, "notice/notices", new NoticesView(frame, f, statuses(f), priorities(f), List.of(), rows, next, first));
    }

    private static Row row(NoticeSearch.Found n) {
        return new Row(n.noticeId(), NoticePage.PATH + n.noticeId(), Labels.time(n.createdAt()), n.duty(), n.copy(), n.officeId(),
                n.channel(), Labels.priority(n.priority()), Labels.status(n.status()),
                n.status() == NoticeStatus.DEAD || n.status() == NoticeStatus.FAILED, n.attempts());
    }

    private static List<Option> statuses(NoticeFilter f) {
        return Arrays.stream(NoticeStatus.values()).map(s -> new Option(s.name(), Labels.status(s), s.name().equals(f.status()))).toList();
    }

    private static List<Option> priorities(NoticeFilter f) {
        return Arrays.stream(Priority.values()).map(p -> new Option(p.name(), Labels.priority(p), p.name().equals(f.priority()))).toList();
    }
}

package no.budstikke.console.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import no.budstikke.console.ConsoleHtml;
import no.budstikke.console.Frame;
import no.budstikke.console.auth.Viewer;
import no.budstikke.delivery.Outbox;
import no.budstikke.http.HttpAnswer;
import no.budstikke.store.NoticeStatus;
import no.budstikke.store.NoticeTimeline;
import no.budstikke.store.NoticeTimeline.Timeline;

/**
 * One notice: what it is, its legal basis, the fields its recipient's policy withheld (names only),
 * and its timeline; for ops, Send på nytt (replay) and Avbryt (cancel), each confirmed on a page of
 * its own and done through the outbox as the ops API does, in the name of the person signed in.
 */
public final class NoticePage {

    static final String PATH = "/console/meldinger/";
    private static final Pattern NOTICE_ID = Pattern.compile("[0-9a-f]{32}");

    /** What a person can do to a notice, named as in its URL. */
    public enum Action {
        REPLAY("send-pa-nytt", "Send på nytt", List.of(NoticeStatus.DEAD, NoticeStatus.FAILED, NoticeStatus.CANCELLED)),
        CANCEL("avbryt", "Avbryt", List.of(NoticeStatus.CREATED, NoticeStatus.FAILED, NoticeStatus.DEAD));

        private final String path;
        private final String label;
        private final List<NoticeStatus> allowedFrom;

        Action(String path, String label, List<NoticeStatus> allowedFrom) {
            this.path = path;
            this.label = label;
            this.allowedFrom = allowedFrom;
        }

        public String path() {
            return path;
        }

        public String label() {
            return label;
        }

        static Optional<Action> named(String path) {
            for (Action a : values()) {
                if (a.path.equals(path)) return Optional.of(a);
            }
            return Optional.empty();
        }
    }

    private final NoticeTimeline timelines;
    private final Outbox outbox;
    private final ConsoleHtml html;
    private final Clock clock;

    public NoticePage(NoticeTimeline timelines, Outbox outbox, ConsoleHtml html, Clock clock) {
        this.timelines = timelines;
        this.outbox = outbox;
        this.html = html;
        this.clock = clock;
    }

    /** A step of the timeline as shown. */
    public record StepRow(String at, String what, String detail) {
    }

    /** An action the notice's status allows now: its label and the URL of its confirmation page. */
    public record ActionLink(String label, String link) {
    }

    public record NoticeView(Frame frame, String noticeId, String eventKey, String duty, boolean copy, String kind, String priority,
                             String role, String officeId, String channel, String purpose, String legalBasis, List<String> removedFields,
                             String status, boolean troubled, int attempts, String createdAt, String age, String nextAttemptAt,
                             String deliveredAt, String receipt, String lastError, String configVersion, List<StepRow> steps,
                             List<ActionLink> actions) {
    }

    /** The confirmation page of an action: what will happen, and the form that does it. */
    public record ConfirmView(Frame frame, String noticeId, String officeId, String duty, String status, String actionLabel,
                              String explanation, String formAction, String back) {
    }

    public HttpAnswer show(Viewer viewer, String noticeId) {
        Optional<Timeline> found = find(noticeId);
        if (found.isEmpty()) return notFound();
        return html.page(200, "notice/notice", view(viewer, found.get()));
    }

    /** GET of an action: the confirmation page. */
    public HttpAnswer confirm(Viewer viewer, String noticeId, String actionPath) {
        Optional<Timeline> found = find(noticeId);
        Optional<Action> action = Action.named(actionPath);
        if (found.isEmpty() || action.isEmpty()) return notFound();
        Timeline t = found.get();
        if (!action.get().allowedFrom.contains(t.status())) return notNow(action.get(), t);
        String explanation = action.get() == Action.REPLAY
                ? "Meldingen sendes på nytt til kontoret med samme id, så kontoret kan kjenne igjen en gjentakelse. Den får nye forsøk."
                : "Meldingen stoppes og sendes ikke. Den kan sendes på nytt senere.";
        return html.page(200, "notice/confirm", new ConfirmView(Frame.of(action.get().label(), "meldinger", viewer), t.noticeId(),
                t.officeId(), t.duty(), Labels.status(t.status()), action.get().label(), explanation,
                PATH + t.noticeId() + "/" + action.get().path(), PATH + t.noticeId()));
    }

    /** POST of an action, its CSRF token already checked by the console's gate: done in the person's name. */
    public HttpAnswer act(Viewer viewer, String noticeId, String actionPath, Map<String, String> form) {
        Optional<Timeline> found = find(noticeId);
        Optional<Action> action = Action.named(actionPath);
        if (found.isEmpty() || action.isEmpty()) return notFound();
        String actor = viewer.person().actor();
        boolean done = action.get() == Action.REPLAY ? outbox.replay(noticeId, actor) : outbox.cancel(noticeId, actor);
        if (!done) return notNow(action.get(), timelines.of(noticeId).orElse(found.get()));
        return ConsoleHtml.seeOther(PATH + noticeId);
    }

    private Optional<Timeline> find(String noticeId) {
        if (noticeId == null || !NOTICE_ID.matcher(noticeId).matches()) return Optional.empty();
        return timelines.of(noticeId);
    }

    private HttpAnswer notFound() {
        return html.problem(404, "Fant ikke meldingen", "Det finnes ingen melding med denne id-en.");
    }

    private HttpAnswer notNow(Action action, Timeline t) {
        return html.problem(409, action.label() + " går ikke nå",
                "Meldingen har status «" + Labels.status(t.status()) + "». " + (action == Action.REPLAY
                        ? "Bare meldinger som ikke ble levert, feilet eller ble avbrutt kan sendes på nytt."
                        : "Bare meldinger som venter, feilet eller ikke ble levert kan avbrytes; en melding som sendes eller er levert kan ikke det."));
    }

    NoticeView view(Viewer viewer, Timeline t) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<StepRow> steps = t.steps().stream().map(NoticePage::step).toList();
        List<ActionLink> actions = java.util.Arrays.stream(Action.values()).filter(a -> a.allowedFrom.contains(t.status()))
                .map(a -> new ActionLink(a.label(), PATH + t.noticeId() + "/" + a.path())).toList();
        return new NoticeView(Frame.of("Melding " + t.noticeId(), "meldinger", viewer), t.noticeId(), t.eventKey(), t.duty(), t.copy(),
                t.kind(), Labels.priority(t.priority()), t.role(), t.officeId(), t.channel(), t.purpose(), t.legalBasis(),
                t.removedFields(), Labels.status(t.status()), t.status() == NoticeStatus.DEAD || t.status() == NoticeStatus.FAILED,
                t.attempts(), Labels.time(t.createdAt()), Labels.span(Duration.between(t.createdAt(), now)),
                t.status() == NoticeStatus.FAILED ? Labels.time(t.nextAttemptAt()) : null, Labels.time(t.deliveredAt()), t.receipt(),
                // The last failure matters while the notice has not arrived; the timeline keeps every one.
                t.status() == NoticeStatus.DELIVERED ? null : t.lastError(), t.configVersion(), steps, actions);
    }

    private static StepRow step(NoticeTimeline.Step s) {
        String at = Labels.time(s.at());
        return switch (s.kind()) {
            case CREATED -> new StepRow(at, "Opprettet", "Kanal " + s.channel());
            case ATTEMPT -> new StepRow(at, "Forsøk " + s.attempt() + ": " + Labels.outcome(s.outcome()),
                    (s.detail() == null ? "" : s.detail()) + (s.nextAt() == null ? "" : "; nytt forsøk " + Labels.time(s.nextAt())));
            case ACTION -> new StepRow(at, Labels.action(s.outcome()), "av " + s.actor());
            case DELIVERED -> new StepRow(at, "Levert", s.detail() == null ? "" : "Kvittering: " + s.detail());
        };
    }
}

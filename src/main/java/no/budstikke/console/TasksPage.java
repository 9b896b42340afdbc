package no.budstikke.console;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.budstikke.console.auth.ConsoleAccess;
import no.budstikke.console.auth.Viewer;
import no.budstikke.delivery.Outbox;
import no.budstikke.delivery.task.Tasks;
import no.budstikke.http.HttpAnswer;
import no.budstikke.store.ConsoleSessions;
import no.budstikke.store.StoredTask;

/**
 * Oppgaver: the calls staff must make, most urgent and earliest due first, overdue ones marked,
 * and acknowledging one with a note, recorded as done by the person signed in.
 */
public final class TasksPage {

    static final int SHOWN = 200;
    static final int NOTE_MAX = 2000;

    private final Tasks tasks;
    private final Outbox outbox;
    private final ConsoleSessions notes;
    private final ConsoleHtml html;
    private final Clock clock;

    public TasksPage(Tasks tasks, Outbox outbox, ConsoleSessions notes, ConsoleHtml html, Clock clock) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.notes = notes;
        this.html = html;
        this.clock = clock;
    }

    /** One task as the table shows it. */
    public record TaskRow(String id, String call, String phone, String due, boolean overdue, String why, String priority,
                          boolean open, String doneBy, String note) {
    }

    public record TasksView(Frame frame, List<TaskRow> open, List<TaskRow> done, String problem) {
    }

    public HttpAnswer show(Viewer viewer) {
        return html.page(200, "tasks", view(viewer, null));
    }

    /** POST: the task is done; the note is required, since it is what the next person reads. */
    public HttpAnswer acknowledge(Viewer viewer, Map<String, String> form) {
        String id = form.getOrDefault("oppgave", "");
        String note = form.getOrDefault("notat", "").strip();
        if (tasks.get(id).isEmpty()) return html.page(404, "tasks", view(viewer, "Fant ikke oppgaven."));
        if (note.isEmpty() || note.length() > NOTE_MAX) {
            return html.page(400, "tasks", view(viewer, "Skriv et notat (høyst " + NOTE_MAX + " tegn) om hva som ble gjort."));
        }
        if (!outbox.acknowledge(id, viewer.person().actor())) {
            return html.page(409, "tasks", view(viewer, "Oppgaven var allerede kvittert ut eller avbrutt."));
        }
        notes.note(id, viewer.person().actor(), note, OffsetDateTime.now(clock));
        return ConsoleHtml.seeOther(ConsoleAccess.TASKS);
    }

    TasksView view(Viewer viewer, String problem) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<StoredTask> all = tasks.list(true, SHOWN);
        Map<String, String> noteOf = notes.notes(all.stream().map(StoredTask::noticeId).toList()).stream()
                .collect(Collectors.toMap(ConsoleSessions.Note::noticeId, ConsoleSessions.Note::note, (a, b) -> b));
        List<TaskRow> rows = all.stream().map(t -> row(t, now, noteOf.get(t.noticeId()))).toList();
        return new TasksView(Frame.of("Oppgaver", "oppgaver", viewer), rows.stream().filter(TaskRow::open).toList(),
                rows.stream().filter(r -> !r.open()).toList(), problem);
    }

    private static TaskRow row(StoredTask t, OffsetDateTime now, String note) {
        boolean open = t.state() == no.budstikke.store.TaskState.OPEN;
        return new TaskRow(t.noticeId(), t.officeName(), t.phone(), Times.shown(t.dueAt()), t.overdue(now),
                t.duty() + " · " + t.kind() + " (" + t.role() + ")", t.priority(), open, t.acknowledgedBy(), note);
    }
}

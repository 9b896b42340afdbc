package no.budstikke.delivery.task;

import no.budstikke.alert.Alert;
import no.budstikke.alert.Alerts;
import no.budstikke.model.Priority;
import no.budstikke.store.StoredTask;
import no.budstikke.store.Transactions;

/**
 * Escalates tasks nobody acknowledged by their due time: one alert per task to the ops mailbox and
 * the ops API. The alert names the duty, role and notice id; who to call is on the task itself.
 */
public final class OverdueTasks {

    public static final String KIND = "TASK_OVERDUE";

    private final Tasks tasks;
    private final Alerts alerts;
    private final Transactions transactions;

    public OverdueTasks(Tasks tasks, Alerts alerts, Transactions transactions) {
        this.tasks = tasks;
        this.alerts = alerts;
        this.transactions = transactions;
    }

    /** Raises the alerts not yet raised; returns how many were new. */
    public int escalate() {
        int raised = 0;
        for (StoredTask t : tasks.overdue(500)) {
            Alert a = new Alert(KIND + ":" + t.noticeId(), KIND, Priority.valueOf(t.priority()), t.eventKey(),
                    "Task " + t.duty() + " (" + t.role() + ") not done by its due time",
                    "Task " + t.noticeId() + " (" + t.kind() + ") was due " + t.dueAt() + " and is not acknowledged."
                            + " See GET /api/v1/tasks; acknowledge with POST /api/v1/tasks/" + t.noticeId() + "/ack once done.");
            // Alerts are idempotent per key: a task already escalated (here or by another instance) is skipped.
            if (transactions.inTransaction(c -> alerts.raise(c, a))) raised++;
        }
        return raised;
    }
}

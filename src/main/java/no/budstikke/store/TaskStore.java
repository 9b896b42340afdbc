package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Reads the staff tasks: notices on channel TASK, with who acknowledged each and when. */
public final class TaskStore {

    private final Transactions transactions;

    public TaskStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Open tasks (or all, acknowledged and cancelled too), most urgent and earliest due first. */
    public List<StoredTask> list(boolean all, int limit) {
        return transactions.read(tx -> all ? tx.attach(TaskSql.class).all(NoticeAction.ACKNOWLEDGE, limit)
                : tx.attach(TaskSql.class).inStatus(NoticeAction.ACKNOWLEDGE, TaskState.OPEN.stored(), limit));
    }

    public Optional<StoredTask> get(String noticeId) {
        return transactions.read(tx -> tx.attach(TaskSql.class).get(NoticeAction.ACKNOWLEDGE, noticeId));
    }

    /** Open tasks due at {@code now} or earlier, earliest due first. */
    public List<StoredTask> overdue(OffsetDateTime now, int limit) {
        return transactions.read(tx -> tx.attach(TaskSql.class).dueBy(NoticeAction.ACKNOWLEDGE, TaskState.OPEN.stored(), now, limit));
    }
}

package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.NoticeId;
import no.budstikke.model.NoticeJson;

/** The notice table. Writes happen inside the caller's transaction. */
public final class NoticeStore {

    public static final Duration DEFAULT_TASK_DUE = Duration.ofHours(24);

    /** Notices still on their way out, for the backlog. */
    private static final List<NoticeStatus> WAITING = List.of(NoticeStatus.CREATED, NoticeStatus.SENDING, NoticeStatus.FAILED);
    private static final List<NoticeStatus> TROUBLED = List.of(NoticeStatus.FAILED, NoticeStatus.DEAD);

    private final Transactions transactions;
    private final Clock clock;
    private final NoticeDocument document;
    private final Duration defaultTaskDue;

    public NoticeStore(Transactions transactions, Clock clock, NoticeDocument document) {
        this(transactions, clock, document, DEFAULT_TASK_DUE);
    }

    /**
     * @param defaultTaskDue when a task (channel TASK) is due whose rule names no due time: an office
     *                       reached only by phone (the representative told of a disappearance, O25)
     */
    public NoticeStore(Transactions transactions, Clock clock, NoticeDocument document, Duration defaultTaskDue) {
        this.transactions = transactions;
        this.clock = clock;
        this.document = document;
        this.defaultTaskDue = defaultTaskDue;
    }

    /** Inserts the notice unless one with the same id exists; returns its id. */
    public String insert(Transaction tx, String eventKey, JsonNode event, Notice n) {
        return insert(tx, eventKey, event, n, null);
    }

    /** As {@link #insert(Transaction, String, JsonNode, Notice)}, recording the config version that decided it. */
    public String insert(Transaction tx, String eventKey, JsonNode event, Notice n, String configVersion) {
        return insert(tx, NoticeId.of(eventKey, n.duty(), n.recipient().id(), n.copy()), eventKey, event, n, configVersion);
    }

    /** As {@link #insert(Transaction, String, JsonNode, Notice)}, for notices whose id is derived otherwise (alerts). */
    public String insert(Transaction tx, String id, String eventKey, JsonNode event, Notice n) {
        return insert(tx, id, eventKey, event, n, null);
    }

    /** As {@link #insert(Transaction, String, String, JsonNode, Notice)}, recording the config version that decided it. */
    public String insert(Transaction tx, String id, String eventKey, JsonNode event, Notice n, String configVersion) {
        tx.attach(NoticeSql.class).insert(row(id, eventKey, event, n, configVersion, OffsetDateTime.now(clock)));
        return id;
    }

    /**
     * Inserts the notices one event decided, in one round trip, skipping those whose id exists;
     * returns their ids in the order given.
     */
    public List<String> insertAll(Transaction tx, String eventKey, JsonNode event, List<Notice> decided, String configVersion) {
        if (decided.isEmpty()) return List.of();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> ids = new ArrayList<>(decided.size());
        List<NoticeSql.NewNotice> rows = new ArrayList<>(decided.size());
        for (Notice n : decided) {
            String id = NoticeId.of(eventKey, n.duty(), n.recipient().id(), n.copy());
            ids.add(id);
            rows.add(row(id, eventKey, event, n, configVersion, now));
        }
        tx.attach(NoticeSql.class).insertAll(rows);
        return ids;
    }

    private NoticeSql.NewNotice row(String id, String eventKey, JsonNode event, Notice n, String configVersion, OffsetDateTime now) {
        JsonNode duf = event.path("data").path("person").path("dufNumber");
        return new NoticeSql.NewNotice(id, eventKey, n.duty(), n.copy(), n.kind(),
                n.priority().name(), n.priority().ordinal(), n.recipient().role().name(), n.recipient().id(),
                n.recipient().channel().name(), n.recipient().address(), n.purpose(), n.legalBasis(), NoticeJson.text(n.content()),
                NoticeJson.text(NoticeJson.strings(n.removedFields())), NoticeJson.text(NoticeJson.strings(n.flags())),
                NoticeStatus.CREATED, now, n.recipient().name(), NoticeJson.text(document.build(id, eventKey, event, n, now)),
                dueAt(n, now), duf.isTextual() ? duf.asText() : null, configVersion);
    }

    /** A task is due when its rule says, else after the default; a notice to be sent is not due. */
    private OffsetDateTime dueAt(Notice n, OffsetDateTime now) {
        if (n.taskDue() != null) return now.plus(n.taskDue());
        return n.recipient().channel() == Channel.TASK ? now.plus(defaultTaskDue) : null;
    }

    /** The notices of one event, most urgent first: metadata only. */
    public List<NoticeSummary> forEvent(String eventKey) {
        return transactions.read(tx -> tx.attach(NoticeSql.class).forEvent(eventKey));
    }

    /** Notices in the given statuses (to one office, unless {@code officeId} is null), most urgent and oldest first: metadata only. */
    public List<NoticeState> list(List<NoticeStatus> statuses, String officeId, int limit) {
        return transactions.read(tx -> officeId == null ? tx.attach(NoticeSql.class).inStatus(statuses, limit)
                : tx.attach(NoticeSql.class).inStatusTo(statuses, officeId, limit));
    }

    public Optional<NoticeState> state(String noticeId) {
        return transactions.read(tx -> tx.attach(NoticeSql.class).state(noticeId));
    }

    /** Where a notice is in delivery; no content, so safe for ops lists. */
    public record NoticeState(String noticeId, String eventKey, String duty, boolean copy, String kind, String priority,
                              String role, String officeId, String channel, NoticeStatus status, int attempts,
                              OffsetDateTime nextAttemptAt, String lastError, OffsetDateTime createdAt,
                              OffsetDateTime statusChangedAt, OffsetDateTime deliveredAt, String receipt) {
    }

    /** Per channel and office: how many notices wait (CREATED, SENDING, FAILED) and since when the oldest. */
    public List<Backlog> backlog() {
        return transactions.read(tx -> tx.attach(NoticeSql.class).backlog(WAITING, NoticeStatus.FAILED));
    }

    /** Offices that are not receiving: how many of their notices are FAILED, DEAD or being retried. */
    public Map<String, Long> troubledOffices() {
        Map<String, Long> map = new LinkedHashMap<>();
        transactions.read(tx -> tx.attach(NoticeSql.class).troubledOffices(TROUBLED, NoticeStatus.SENDING))
                .forEach(o -> map.put(o.officeId(), o.notices()));
        return map;
    }

    public record Backlog(String channel, String officeId, long pending, OffsetDateTime oldestCreatedAt, long failed) {
    }

    /** A notice without its content: safe for ops views and logs. */
    public record NoticeSummary(String noticeId, String duty, boolean copy, String priority, String role, String officeId,
                                String channel, NoticeStatus status) {
    }
}

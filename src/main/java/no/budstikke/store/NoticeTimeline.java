package no.budstikke.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One notice's story for ops: what it is (duty, office, purpose, legal basis), which fields its
 * recipient's policy withheld (their names, never their values), and what happened to it, oldest
 * first: created, each attempt with its outcome and failure name, each ops action and who did it, and
 * its receipt. The journal tells the same per event; this reads the rows of one notice only.
 */
public final class NoticeTimeline {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;

    public NoticeTimeline(Transactions transactions) {
        this.transactions = transactions;
    }

    /** What a step of the timeline is. */
    public enum Kind { CREATED, ATTEMPT, ACTION, DELIVERED }

    /**
     * One step; the fields that do not belong to its kind are null.
     *
     * @param attempt  an attempt's number
     * @param outcome  an attempt's outcome (DELIVERED, RETRY, DEAD), or an action's name (REPLAY, CANCEL, ACKNOWLEDGE)
     * @param detail   an attempt's receipt or failure name, or the notice's receipt
     * @param actor    who did an action, as the caller named them
     * @param nextAt   when a failed attempt is tried again
     */
    public record Step(OffsetDateTime at, Kind kind, Integer attempt, String channel, String outcome, String detail, String actor,
                       OffsetDateTime nextAt) {
    }

    /** The notice and its steps, oldest first. */
    public record Timeline(String noticeId, String eventKey, String duty, boolean copy, String kind, String priority, String role,
                           String officeId, String channel, String purpose, String legalBasis, List<String> removedFields,
                           NoticeStatus status, int attempts, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt,
                           OffsetDateTime deliveredAt, String receipt, String lastError, String configVersion, List<Step> steps) {
    }

    /** The timeline of the notice, empty if there is no such notice. */
    public Optional<Timeline> of(String noticeId) {
        return transactions.read(tx -> {
            NoticeTimelineSql sql = tx.attach(NoticeTimelineSql.class);
            Optional<NoticeTimelineSql.Head> found = sql.head(noticeId);
            if (found.isEmpty()) return Optional.empty();
            NoticeTimelineSql.Head h = found.get();
            List<Step> steps = new ArrayList<>();
            steps.add(new Step(h.createdAt(), Kind.CREATED, null, h.channel(), null, null, null, null));
            for (JournalSql.AttemptRow a : sql.attempts(noticeId)) {
                steps.add(new Step(a.finishedAt(), Kind.ATTEMPT, a.attempt(), a.channel(), a.outcome(), a.detail(), null, a.nextAttemptAt()));
            }
            for (JournalSql.ActionRow a : sql.actions(noticeId)) {
                steps.add(new Step(a.at(), Kind.ACTION, null, null, a.action(), null, a.actor(), null));
            }
            if (h.deliveredAt() != null) {
                steps.add(new Step(h.deliveredAt(), Kind.DELIVERED, null, h.channel(), null, h.receipt(), null, null));
            }
            // Stable: a step at the same instant as another keeps the order above (an attempt before its receipt).
            steps.sort(Comparator.comparing(Step::at));
            return Optional.of(new Timeline(h.noticeId(), h.eventKey(), h.duty(), h.copy(), h.kind(), h.priority(), h.role(),
                    h.officeId(), h.channel(), h.purpose(), h.legalBasis(), pointers(h.removedFields()), h.status(), h.attempts(),
                    h.createdAt(), h.nextAttemptAt(), h.deliveredAt(), h.receipt(), h.lastError(), h.configVersion(),
                    List.copyOf(steps)));
        });
    }

    private static List<String> pointers(String json) {
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode n : JSON.readTree(json)) out.add(n.asText());
            return List.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException("notice.removed_fields holds a JSON array written by the hub", e);
        }
    }
}

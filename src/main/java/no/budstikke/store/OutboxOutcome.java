package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The outcome of one attempt, to be written with others in one transaction: DELIVERED with its
 * receipt, FAILED with the time of the next attempt, or DEAD. {@code detail} names a failure, never content.
 */
public record OutboxOutcome(String noticeId, int attempt, NoticeStatus status, String receipt, String detail,
                            Optional<OffsetDateTime> next, OffsetDateTime at) {

    public static OutboxOutcome delivered(String noticeId, int attempt, String receipt, OffsetDateTime at) {
        return new OutboxOutcome(noticeId, attempt, NoticeStatus.DELIVERED, receipt, null, Optional.empty(), at);
    }

    /** Retried at {@code next}, or, without one, DEAD. */
    public static OutboxOutcome failed(String noticeId, int attempt, String detail, Optional<OffsetDateTime> next, OffsetDateTime at) {
        return new OutboxOutcome(noticeId, attempt, next.isPresent() ? NoticeStatus.FAILED : NoticeStatus.DEAD, null, detail, next, at);
    }

    /** What {@code delivery_attempt.detail} holds: the office's receipt of a delivery, or the failure's name. */
    String journalledDetail() {
        return status == NoticeStatus.DELIVERED ? receipt : detail;
    }

    /** What {@code delivery_attempt.outcome} says of it. */
    String journalled() {
        return switch (status) {
            case DELIVERED -> "DELIVERED";
            case FAILED -> "RETRY";
            default -> "DEAD";
        };
    }
}

package no.budstikke.delivery;

import no.budstikke.model.Channel;
import no.budstikke.model.Priority;

/**
 * One claimed notice on its way to one office: what a channel route needs to send it.
 * {@code document} is the standardised notice (schemas/notice/notice-v1.schema.json) as JSON,
 * exactly what every channel delivers. {@code noticeId} is the idempotency key of every attempt.
 */
public record Delivery(
        String noticeId,
        String duty,
        String kind,
        Priority priority,
        String officeId,
        String officeName,
        Channel channel,
        String address,
        int attempt,
        String document) {

    @Override
    public String toString() {
        // The address of a person named in an event is personal data.
        return "Delivery[" + noticeId + " → " + officeId + ", " + channel + ", attempt " + attempt + "]";
    }
}

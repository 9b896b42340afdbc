package no.budstikke.store;

import no.budstikke.model.Channel;
import no.budstikke.model.Priority;

/**
 * A notice claimed for sending, with the number of the attempt the claim starts. {@code address}
 * and {@code officeName} may name a person: never logged.
 */
public record ClaimedNotice(String noticeId, String duty, String kind, Priority priority, String officeId, String officeName,
                            Channel channel, String address, int attempt, String document) {

    @Override
    public String toString() {
        return "ClaimedNotice[" + noticeId + " → " + officeId + ", " + channel + ", attempt " + attempt + "]";
    }
}

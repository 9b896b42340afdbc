package no.budstikke.store;

import java.time.OffsetDateTime;
import java.util.List;
import no.budstikke.contract.Violation;

/**
 * A rejected input. {@code rawBytes} is already cut at the cap; {@code rawSize} is the size of
 * the whole input.
 */
public record QuarantineEntry(
        long id,
        OffsetDateTime receivedAt,
        String channel,
        String origin,
        String reason,
        List<Violation> violations,
        long rawSize,
        byte[] rawBytes,
        boolean truncated) {
}

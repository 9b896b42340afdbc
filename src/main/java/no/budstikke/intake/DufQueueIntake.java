package no.budstikke.intake;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import no.budstikke.intake.EventOutcome.Outcome;

/**
 * One row of DUF's pending-event table (docs/intake.md). The route marks the row consumed only
 * after this returns, that is after its events are committed here; if the hub stops in between,
 * the row is read again and the repeat is recognised by (source, id), so nothing is lost and
 * nothing is stored twice.
 */
public final class DufQueueIntake {

    static final String DUF_SOURCE = "urn:no:udi:duf";

    private final IntakeService intake;

    public DufQueueIntake(IntakeService intake) {
        this.intake = intake;
    }

    /**
     * What the row is marked with. {@code outcome} is {@code stored}, {@code duplicate},
     * {@code rejected}, {@code forbidden}, {@code unreadable} or {@code too-large}; for a batch row, the first bad
     * event's outcome. {@code quarantineId} is that bad input's quarantine entry, else null.
     */
    public record RowOutcome(String outcome, Long quarantineId) {
    }

    /** {@code row} holds the columns {@code seq} and {@code payload}. */
    public RowOutcome accept(Map<String, Object> row) {
        // DUF's table carries only DUF's events: any other source is rejected as forbidden.
        IntakeReport report = intake.accept(new Inbound("sql", "duf-queue row " + row.get("seq"), bytes(row.get("payload")),
                InputForm.EITHER, DUF_SOURCE::equals));
        if (report.isUnreadable()) return new RowOutcome(report.tooLarge() ? "too-large" : "unreadable", report.quarantineId());
        return report.events().stream()
                .filter(e -> !e.outcome().accepted())
                .findFirst()
                .map(bad -> new RowOutcome(name(bad.outcome()), bad.quarantineId()))
                .orElseGet(() -> new RowOutcome(name(report.count(Outcome.STORED) > 0 ? Outcome.STORED : Outcome.DUPLICATE), null));
    }

    private static String name(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** camel-sql reads TEXT (and CLOB) columns as String; a bytea column would come as bytes. */
    private static byte[] bytes(Object payload) {
        if (payload instanceof byte[] b) return b;
        return payload == null ? new byte[0] : payload.toString().getBytes(StandardCharsets.UTF_8);
    }
}

package no.budstikke.intake;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One row of DUF's pending-event table. The row is marked consumed only after its event is
 * committed here; if the hub stops in between, the row is read again and the repeat is
 * recognised by (source, id), so nothing is lost and nothing is stored twice.
 */
public final class DufQueueIntake {

    private final IntakeService intake;

    public DufQueueIntake(IntakeService intake) {
        this.intake = intake;
    }

    /** Returns the row's id and outcome, the parameters of the mark-consumed statement. */
    public Map<String, Object> accept(Map<String, Object> row) {
        Object seq = row.get("seq");
        byte[] payload = payloadBytes(row.get("payload"));
        // DUF's table carries only DUF's events: anything else is rejected as forbidden.
        IntakeReport report = intake.accept(new Inbound("sql", "duf-queue row " + seq, payload, InputForm.EITHER,
                "urn:no:udi:duf"::equals));
        String outcome = report.allAccepted() ? "stored" : report.isUnreadable() ? "unreadable"
                : report.events().stream().filter(e -> !e.outcome().accepted()).findFirst()
                        .map(e -> e.outcome().name().toLowerCase(Locale.ROOT)).orElse("stored");
        Long quarantineId = report.quarantineId() != null ? report.quarantineId()
                : report.events().stream().map(EventOutcome::quarantineId).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        java.util.HashMap<String, Object> result = new java.util.HashMap<>();
        result.put("seq", seq);
        result.put("outcome", outcome);
        result.put("quarantineId", quarantineId);
        return result;
    }

    private static byte[] payloadBytes(Object payload) {
        if (payload == null) return new byte[0];
        if (payload instanceof byte[] b) return b;
        if (payload instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length()).getBytes(StandardCharsets.UTF_8);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("the DUF payload column could not be read (SQLState " + e.getSQLState() + ")");
            }
        }
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }
}

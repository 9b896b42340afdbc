package no.budstikke.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import no.budstikke.contract.Violation;

/**
 * A dropped file: one event or an array of events. The file goes to {@code done/} when every
 * event in it was stored (or already had been), otherwise to {@code rejected/} beside an
 * {@code .error.json} that names each bad event and why. Good events are stored either way.
 */
public final class FileIntake {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntakeService intake;

    public FileIntake(IntakeService intake) {
        this.intake = intake;
    }

    /** What to do with the file once its events are committed. */
    public record Disposition(String folder, byte[] errorReport) {
        public boolean rejected() {
            return errorReport != null;
        }
    }

    public Disposition accept(byte[] content, String fileName) {
        IntakeReport report = intake.accept(new Inbound("file", fileName, content, InputForm.EITHER, Inbound.anySource()));
        if (report.allAccepted()) return new Disposition("done", null);
        return new Disposition("rejected", errorReport(fileName, report));
    }

    private static byte[] errorReport(String fileName, IntakeReport report) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("file", fileName);
        if (report.isUnreadable()) {
            doc.put("quarantineId", report.quarantineId());
            doc.set("violations", violations(report.unreadable()));
        } else {
            ArrayNode events = doc.putArray("events");
            for (EventOutcome e : report.events()) {
                ObjectNode n = events.addObject();
                n.put("index", e.index());
                n.put("outcome", e.outcome().name().toLowerCase(Locale.ROOT));
                if (e.key() != null) n.put("key", e.key());
                if (e.quarantineId() != null) n.put("quarantineId", e.quarantineId());
                if (!e.violations().isEmpty()) n.set("violations", violations(e.violations()));
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report is built from plain JSON nodes", e);
        }
    }

    private static ArrayNode violations(java.util.List<Violation> list) {
        ArrayNode a = JSON.createArrayNode();
        list.forEach(v -> a.addObject().put("pointer", v.pointer()).put("message", v.message()));
        return a;
    }
}

package no.budstikke.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import no.budstikke.contract.Violation;

/**
 * A dropped file: one event or an array of events. The file goes to {@code done/} when every
 * event in it was stored (or already had been), otherwise to {@code rejected/} beside an
 * {@code .error.json} that names each bad event and why. Good events are stored either way.
 */
public final class FileIntake {

    public static final String DONE = "done";
    public static final String REJECTED = "rejected";
    static final String ERROR_SUFFIX = ".error.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final IntakeService intake;
    private final InboxFolders folders;
    private final Clock clock;

    public FileIntake(IntakeService intake, InboxFolders folders) {
        this(intake, folders, Clock.systemUTC());
    }

    FileIntake(IntakeService intake, InboxFolders folders, Clock clock) {
        this.intake = intake;
        this.folders = folders;
        this.clock = clock;
    }

    /**
     * What to do with the file once its events are committed.
     *
     * @param target      where to move it, relative to the inbox: {@code done/a.json}, {@code rejected/a.json}
     * @param errorReport the {@code .error.json} to write beside a rejected file; null when done
     */
    public record Disposition(String target, byte[] errorReport) {
        public boolean rejected() {
            return errorReport != null;
        }

        public String errorReportTarget() {
            return target + ERROR_SUFFIX;
        }
    }

    /**
     * Stores the file's events and decides where it goes. A file over the size limit is not read
     * beyond it: it is quarantined as too large and rejected.
     *
     * @param path     the file itself
     * @param fileName the file's path relative to the inbox: {@code a.json}, or {@code bergen/a.json} in a bound folder
     * @param parent   the folder it lies in
     */
    public Disposition accept(String path, String fileName, String parent) throws IOException {
        Path relative = Path.of(fileName);
        String folder = relative.getParent() == null ? "" : relative.getParent().toString();
        String name = relative.getFileName().toString();
        long limit = intake.limits().maxBytes();
        byte[] content;
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            content = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        }
        // The folder's binding decides which sources its files may carry; a file posing as another is quarantined.
        IntakeReport report = content.length > limit
                ? intake.tooLarge("file", fileName, content, Math.max(content.length, Files.size(Path.of(path))))
                : intake.accept(new Inbound("file", fileName, content, InputForm.EITHER, folders.mayCarry(folder)));
        String outcome = report.allAccepted() ? DONE : REJECTED;
        String target = (folder.isEmpty() ? "" : folder + "/") + outcome + "/" + freeName(Path.of(parent, outcome), name);
        return new Disposition(target, report.allAccepted() ? null : errorReport(fileName, report));
    }

    /**
     * Camel's move silently replaces a file of the same name, which would lose the record of an
     * earlier drop (and pair a rejected file with someone else's error report). A taken name gets
     * a UTC time stamp before its extension instead: {@code a.json} → {@code a.20261120T201500123Z.json}.
     */
    String freeName(Path folder, String fileName) {
        if (isFree(folder, fileName)) return fileName;
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        String ext = dot > 0 ? fileName.substring(dot) : "";
        String stamped = base + "." + STAMP.format(clock.instant());
        String candidate = stamped + ext;
        for (int n = 2; !isFree(folder, candidate); n++) candidate = stamped + "-" + n + ext;
        return candidate;
    }

    private static boolean isFree(Path folder, String name) {
        return !Files.exists(folder.resolve(name)) && !Files.exists(folder.resolve(name + ERROR_SUFFIX));
    }

    private static byte[] errorReport(String fileName, IntakeReport report) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("file", fileName);
        if (report.isUnreadable()) {
            if (report.quarantineId() != null) doc.put("quarantineId", report.quarantineId());
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

    private static ArrayNode violations(List<Violation> list) {
        ArrayNode a = JSON.createArrayNode();
        list.forEach(v -> a.addObject().put("pointer", v.pointer()).put("message", v.message()));
        return a;
    }
}

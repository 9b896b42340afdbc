package no.budstikke.console.quarantine;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import no.budstikke.console.ConsoleHtml;
import no.budstikke.console.Frame;
import no.budstikke.console.auth.Role;
import no.budstikke.console.auth.Viewer;
import no.budstikke.http.HttpAnswer;
import no.budstikke.http.MaskedPointer;
import no.budstikke.store.QuarantineEntry;
import no.budstikke.store.QuarantineStore;

/**
 * Karantene: the inputs the hub refused, newest first, a page at a time, each with its channel,
 * sender, time and problems. The raw bytes are what the sender sent, unchecked, and may hold
 * anything, health data included: only ops-pii see them, escaped and cut at {@link #RAW_SHOWN}.
 * The sender of a dropped file is its file name, the sender's choice, so ops see it masked.
 */
public final class QuarantinePage {

    static final int PAGE = 50;
    static final int RAW_SHOWN = 64 * 1024;
    static final String LIST = "quarantine/quarantine";
    static final String ENTRY = "quarantine/entry";
    private static final String FILE_CHANNEL = "file";
    /** What ops without ops-pii see in place of a name the sender chose (in a pointer, or a dropped file's name). */
    static final String HIDDEN = "(skjult)";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final QuarantineStore quarantine;
    private final ConsoleHtml html;

    public QuarantinePage(QuarantineStore quarantine, ConsoleHtml html) {
        this.quarantine = quarantine;
        this.html = html;
    }

    public record Problem(String pointer, String message) {
    }

    public record EntryRow(long id, String receivedAt, String channel, String sender, String reason, List<Problem> problems,
                           long rawSize, boolean truncated) {
    }

    /** {@code older} is the id to continue from, when there may be more. */
    public record ListView(Frame frame, List<EntryRow> entries, Long older) {
    }

    /** {@code raw} is null unless the viewer has ops-pii; {@code cut} says it is shorter than what was sent. */
    public record EntryView(Frame frame, EntryRow entry, boolean personal, String raw, boolean cut, boolean binary) {
    }

    /** GET: a page of entries, from {@code before} (an id; none: the newest). */
    public HttpAnswer list(Viewer viewer, String before) {
        long from = Long.MAX_VALUE;
        if (before != null && !before.isBlank()) {
            Optional<Long> id = id(before);
            if (id.isEmpty()) return html.problem(400, "Ugyldig side", "Karantenelisten blas med et nummer fra lenken «Eldre».");
            from = id.get();
        }
        boolean personal = personal(viewer);
        List<EntryRow> rows = quarantine.list(PAGE, from).stream().map(e -> row(e, personal)).toList();
        Long older = rows.size() == PAGE ? rows.get(rows.size() - 1).id() : null;
        return html.page(200, LIST, new ListView(frame(viewer), rows, older));
    }

    /** GET: one entry; the raw input only for ops-pii. */
    public HttpAnswer entry(Viewer viewer, String id) {
        Optional<QuarantineEntry> found = id(id).flatMap(quarantine::get);
        if (found.isEmpty()) return html.problem(404, "Fant ikke oppføringen", "Det finnes ingen oppføring i karantenen med dette nummeret.");
        boolean personal = personal(viewer);
        QuarantineEntry e = found.get();
        String raw = null;
        boolean binary = false;
        byte[] bytes = e.rawBytes() == null ? new byte[0] : e.rawBytes();
        boolean cut = e.truncated() || bytes.length > RAW_SHOWN;
        if (personal) {
            Optional<String> text = text(Arrays.copyOf(bytes, Math.min(bytes.length, RAW_SHOWN)));
            binary = text.isEmpty();
            raw = text.orElse(null);
        }
        return html.page(200, ENTRY, new EntryView(frame(viewer), row(e, personal), personal, raw, cut, binary));
    }

    /** The bytes as UTF-8 text; a character cut in two at the end is dropped, other invalid bytes make it binary. */
    static Optional<String> text(byte[] bytes) {
        for (int drop = 0; drop < 4 && drop <= bytes.length; drop++) {
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, bytes.length - drop)).toString());
            } catch (CharacterCodingException e) {
                // try again without the last byte: the cap may have split a character
            }
        }
        return Optional.empty();
    }

    private static EntryRow row(QuarantineEntry e, boolean personal) {
        String sender = personal || !FILE_CHANNEL.equals(e.channel()) ? e.origin() : HIDDEN;
        List<Problem> problems = e.violations().stream().map(v -> new Problem(
                shownPointer(personal ? v.pointer() : MaskedPointer.of(v.pointer(), HIDDEN)), v.message())).toList();
        return new EntryRow(e.id(), shown(e.receivedAt()), e.channel(), sender, e.reason(), problems, e.rawSize(), e.truncated());
    }

    private static String shownPointer(String pointer) {
        return pointer.isEmpty() ? "/" : pointer;
    }

    private static boolean personal(Viewer viewer) {
        return viewer.person().has(Role.OPS_PII);
    }

    private static Optional<Long> id(String text) {
        if (text == null || !text.matches("[0-9]{1,18}")) return Optional.empty();
        return Optional.of(Long.parseLong(text));
    }

    private static Frame frame(Viewer viewer) {
        return Frame.of("Karantene", "karantene", viewer);
    }

    private static String shown(OffsetDateTime t) {
        return t == null ? "–" : t.atZoneSameInstant(OSLO).format(SHOWN);
    }
}

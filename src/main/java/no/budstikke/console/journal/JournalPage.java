package no.budstikke.console.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.console.ConsoleHtml;
import no.budstikke.console.Frame;
import no.budstikke.console.auth.Role;
import no.budstikke.console.auth.Viewer;
import no.budstikke.http.HttpAnswer;
import no.budstikke.store.Journal;
import no.budstikke.store.NoticeStore;

/**
 * Saksjournal: who was told what and when about one case. The DUF number is typed and POSTed,
 * and the answer is the page itself, so the number is in no URL, redirect or access log line.
 * Everyone sees each notice's office, duty, legal basis, delivery and receipt; names, the DUF
 * number and the notice's content (free text, health data) only the role ops-pii.
 */
public final class JournalPage {

    static final String TEMPLATE = "journal/journal";
    static final String FIELD = "duf";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final Journal journal;
    private final NoticeStore notices;
    private final ConsoleHtml html;

    public JournalPage(Journal journal, NoticeStore notices, ConsoleHtml html) {
        this.journal = journal;
        this.notices = notices;
        this.html = html;
    }

    /**
     * One notice as the journal shows it. {@code person} and {@code content} are null unless the
     * viewer has ops-pii: they are filled by allowlist, never filtered out afterwards.
     */
    public record NoticeRow(String decidedAt, String duty, boolean copy, String office, String channel, String priority,
                            String purpose, String legalBasis, String status, String deliveredAt, String receipt,
                            List<String> removedFields, String person, String content) {
    }

    public record EventRow(String type, String eventTime, String receivedAt, List<NoticeRow> notices) {
    }

    /** {@code dufNumber} is set only for ops-pii; {@code searched} once a valid number was looked up. */
    public record JournalView(Frame frame, boolean personal, boolean searched, String dufNumber, String problem,
                              List<EventRow> events) {
    }

    public HttpAnswer show(Viewer viewer) {
        return html.page(200, TEMPLATE, new JournalView(frame(viewer), personal(viewer), false, null, null, List.of()));
    }

    /** POST: the case's journal, or the form again with what is wrong with the number. */
    public HttpAnswer search(Viewer viewer, Map<String, String> form) {
        boolean personal = personal(viewer);
        DufNumber.Checked checked = DufNumber.check(form.get(FIELD));
        if (checked.problem() != null) {
            return html.page(400, TEMPLATE, new JournalView(frame(viewer), personal, false, null, checked.problem(), List.of()));
        }
        List<EventRow> events = new ArrayList<>();
        for (JsonNode event : journal.caseOf(checked.number()).path("events")) events.add(event(event, personal));
        return html.page(200, TEMPLATE, new JournalView(frame(viewer), personal, true, personal ? checked.number() : null,
                null, events));
    }

    static boolean personal(Viewer viewer) {
        return viewer.person().has(Role.OPS_PII);
    }

    private EventRow event(JsonNode event, boolean personal) {
        String received = "–";
        List<NoticeRow> rows = new ArrayList<>();
        for (JsonNode entry : event.path("timeline")) {
            String what = entry.path("what").asText();
            if (what.equals("received")) received = shown(entry.path("at").asText());
            if (what.equals("notice decided")) rows.add(notice(entry, personal));
        }
        return new EventRow(event.path("type").asText(), shown(event.path("time").asText()), received, rows);
    }

    private NoticeRow notice(JsonNode n, boolean personal) {
        Optional<NoticeStore.NoticeState> state = notices.state(n.path("noticeId").asText());
        List<String> removed = new ArrayList<>();
        n.path("removedFields").forEach(f -> removed.add(f.asText()));
        JsonNode content = n.path("document").path("content");
        return new NoticeRow(shown(n.path("at").asText()), n.path("duty").asText(), n.path("copy").asBoolean(),
                n.path("officeId").asText(), n.path("channel").asText(), n.path("priority").asText(), n.path("purpose").asText(),
                n.path("legalBasis").asText(), state.map(s -> s.status().name()).orElse(n.path("status").asText()),
                state.map(s -> s.deliveredAt()).map(JournalPage::shown).orElse("–"),
                state.map(NoticeStore.NoticeState::receipt).orElse(null), removed,
                personal ? name(content.path("person")) : null, personal ? pretty(content) : null);
    }

    private static String name(JsonNode person) {
        String name = (person.path("givenName").asText("") + " " + person.path("familyName").asText("")).strip();
        return name.isEmpty() ? "–" : name;
    }

    private static String pretty(JsonNode content) {
        if (!(content instanceof ObjectNode)) return "";
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a notice's content is JSON the hub wrote", e);
        }
    }

    private static Frame frame(Viewer viewer) {
        return Frame.of("Saksjournal", "saksjournal", viewer);
    }

    static String shown(String rfc3339) {
        try {
            return shown(OffsetDateTime.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return "–";
        }
    }

    static String shown(OffsetDateTime time) {
        return time == null ? "–" : time.atZoneSameInstant(OSLO).format(SHOWN);
    }
}

package no.budstikke.console.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.budstikke.console.ConsoleHtml;
import no.budstikke.console.Frame;
import no.budstikke.console.auth.Viewer;
import no.budstikke.http.HttpAnswer;
import no.budstikke.model.HubConfig;
import no.budstikke.model.Notice;
import no.budstikke.model.Office;
import no.budstikke.model.Rule;

/**
 * Oppsett: the offices, routing rules and disclosure policies the hub runs, its config version, and
 * a form that explains a pasted event with them: the notices it would lead to, each with what is
 * kept and what is removed. Nothing is sent or stored, and the pasted event is never logged.
 */
public final class ConfigPage {

    static final String TEMPLATE = "config/config";
    static final String FIELD = "hendelse";
    /** A pasted event larger than this is refused here; the console's form limit may refuse it first. */
    static final int MAX_EVENT_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZoneId.of("Europe/Oslo"));

    private final LoadedConfig config;
    private final ConsoleHtml html;

    public ConfigPage(LoadedConfig config, ConsoleHtml html) {
        this.config = config;
        this.html = html;
    }

    public record OfficeRow(String id, String role, String name, String channel) {
    }

    public record RuleRow(String duty, String title, String on, String priority, String kind, String purpose, String recipients) {
    }

    public record PolicyRow(String role, String purpose, String legalBasis, String allow, String withConsent) {
    }

    public record NoticeRow(String office, String role, String duty, boolean copy, String priority, String purpose,
                            String legalBasis, String content, List<String> removed) {
    }

    /** The outcome of explaining: {@code problems} when refused, else the notices and the duties nobody resolved. */
    public record Explained(String heading, List<String> problems, List<NoticeRow> notices, List<String> unresolved) {
    }

    public record ConfigView(Frame frame, String version, String loadedAt, List<OfficeRow> offices, List<RuleRow> rules,
                             List<PolicyRow> policies, String pasted, Explained explained) {
    }

    public HttpAnswer show(Viewer viewer) {
        return html.page(200, TEMPLATE, view(viewer, "", null));
    }

    /** POST: explain the pasted event with the running config. */
    public HttpAnswer explain(Viewer viewer, Map<String, String> form) {
        String pasted = form.getOrDefault(FIELD, "");
        byte[] bytes = pasted.getBytes(StandardCharsets.UTF_8);
        if (pasted.isBlank()) {
            return refused(viewer, "", "Lim inn en hendelse", List.of("Feltet er tomt. Lim inn en hendelse som JSON (CloudEvents)."));
        }
        if (bytes.length > MAX_EVENT_BYTES) {
            return refused(viewer, "", "Hendelsen er for stor", List.of("En hendelse kan være på høyst " + MAX_EVENT_BYTES / 1024
                    + " KiB; denne var " + bytes.length / 1024 + " KiB."));
        }
        LoadedConfig.Explanation e = config.explain(bytes);
        if (e.notJson().isPresent()) {
            return refused(viewer, pasted, "Teksten er ikke en gyldig hendelse",
                    List.of("Det du limte inn er ikke gyldig JSON for en hendelse eller en liste av hendelser.", "Detalj: " + e.notJson().get()));
        }
        if (!e.broken().isEmpty()) {
            return refused(viewer, pasted, "Kontrakten avviser hendelsen",
                    e.broken().stream().map(v -> "Ved " + v.pointer() + ": " + v.message()).toList());
        }
        List<NoticeRow> notices = e.decisions().stream().flatMap(d -> d.notices().stream()).map(ConfigPage::notice).toList();
        List<String> unresolved = e.decisions().stream().flatMap(d -> d.unresolved().stream())
                .map(u -> u.duty() + " → " + u.role() + ": " + u.reason()).toList();
        String heading = notices.size() + (notices.size() == 1 ? " melding" : " meldinger") + " ville blitt sendt";
        return html.page(200, TEMPLATE, view(viewer, pasted, new Explained(heading, List.of(), notices, unresolved)));
    }

    private HttpAnswer refused(Viewer viewer, String pasted, String heading, List<String> problems) {
        return html.page(400, TEMPLATE, view(viewer, pasted, new Explained(heading, problems, List.of(), List.of())));
    }

    ConfigView view(Viewer viewer, String pasted, Explained explained) {
        LoadedConfig.Running running = config.running();
        HubConfig c = running.config();
        List<OfficeRow> offices = c.directory().offices().stream().sorted(Comparator.comparing(Office::id))
                .map(o -> new OfficeRow(o.id(), o.role().name(), o.name(), o.channel().name().toLowerCase(Locale.ROOT))).toList();
        List<RuleRow> rules = c.rules().stream().map(ConfigPage::rule).toList();
        List<PolicyRow> policies = c.policies().policies().stream().map(p -> new PolicyRow(p.role().name(), p.purpose(),
                p.legalBasis(), String.join(", ", p.allow()), String.join(", ", p.withConsent()))).toList();
        return new ConfigView(Frame.of("Oppsett", "oppsett", viewer), running.version(), SHOWN.format(running.loadedAt()),
                offices, rules, policies, pasted, explained);
    }

    private static RuleRow rule(Rule r) {
        String recipients = String.join(", ", r.recipients().stream().map(x -> x.role().name() + (x.copy() ? " (kopi)" : "")).toList());
        return new RuleRow(r.duty(), r.title(), r.on(), r.priority().name(), r.kind(), r.purpose(), recipients);
    }

    private static NoticeRow notice(Notice n) {
        String content;
        try {
            content = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n.content());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a notice's content is JSON", e);
        }
        return new NoticeRow(n.recipient().id(), n.recipient().role().name(), n.duty(), n.copy(), n.priority().name(),
                n.purpose(), n.legalBasis(), content, n.removedFields());
    }
}

package no.budstikke.delivery.mail;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import no.budstikke.alert.Alerts;
import no.budstikke.amot.TertialReport;
import no.budstikke.config.ConfigException;
import no.budstikke.dispatch.config.ContractPaths;
import no.budstikke.model.HubConfig;

/**
 * The mail templates, one per notice kind: {@code <config>/templates/<kind>.txt}, UTF-8. Loaded and
 * checked once at start-up: a kind without a template, or a template that names an unknown field,
 * stops the hub with every problem listed, instead of failing a notice in the middle of the night.
 */
public final class MailTemplates {

    public static final String FOLDER = "templates";

    private final Map<String, MailTemplate> byKind;

    private MailTemplates(Map<String, MailTemplate> byKind) {
        this.byKind = Map.copyOf(byKind);
    }

    /**
     * Loads the template of every notice kind the hub can produce: the kind of each routing rule,
     * and the hub's own notices (ops alerts and the tertial report), whose templates may also print
     * the fields those notices carry.
     */
    public static MailTemplates forHub(Path configDir, HubConfig dispatch) {
        Set<String> kinds = new TreeSet<>(List.of(Alerts.KIND, TertialReport.KIND));
        dispatch.rules().forEach(rule -> kinds.add(rule.kind()));
        Set<String> hubFields = new TreeSet<>(Alerts.CONTENT_FIELDS);
        hubFields.addAll(TertialReport.CONTENT_FIELDS);
        return load(configDir, kinds, hubFields);
    }

    /**
     * Loads the template of every kind in {@code kinds} (the kinds the routing rules use). Throws
     * {@link ConfigException} naming each missing file and each problem as {@code <file>:<line>: …}.
     */
    public static MailTemplates load(Path configDir, Set<String> kinds) {
        return load(configDir, kinds, Set.of());
    }

    /**
     * As {@link #load(Path, Set)}, where templates may also print {@code hubFields}: the content
     * pointers of notices the hub writes itself (alerts, reports), which the event contract does not know.
     */
    public static MailTemplates load(Path configDir, Set<String> kinds, Set<String> hubFields) {
        Set<String> contentFields = new java.util.HashSet<>(ContractPaths.contentFields());
        contentFields.addAll(hubFields);
        List<String> problems = new ArrayList<>();
        Map<String, MailTemplate> byKind = new LinkedHashMap<>();
        for (String kind : new TreeSet<>(kinds)) {
            Path file = configDir.resolve(FOLDER).resolve(kind + ".txt");
            if (!kind.matches("[a-z0-9][a-z0-9-]*")) {
                problems.add("notice kind '" + kind + "' cannot name a template file; expected lower-case letters, digits and '-'");
                continue;
            }
            if (!Files.isRegularFile(file)) {
                problems.add(file + ": missing: no mail template for notice kind '" + kind + "'; expected a template"
                        + " whose first line is 'Subject: <title>'");
                continue;
            }
            read(file, problems).flatMap(lines -> TemplateParser.parse(kind, file.toString(), lines, contentFields, problems))
                    .ifPresent(t -> byKind.put(kind, t));
        }
        if (!problems.isEmpty()) {
            String head = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
            throw new ConfigException("invalid mail templates in " + configDir.resolve(FOLDER) + ", " + head + ":\n"
                    + String.join("\n", problems));
        }
        return new MailTemplates(byKind);
    }

    /** The template of a kind; a kind that was not loaded is a wiring error, not a failure of one notice. */
    public MailTemplate forKind(String kind) {
        MailTemplate t = byKind.get(kind);
        if (t == null) throw new MailCompositionException("no mail template for notice kind '" + kind + "'");
        return t;
    }

    public Set<String> kinds() {
        return byKind.keySet();
    }

    /**
     * These templates, and {@code older}'s for any kind these lack: after a config reload whose rules
     * no longer make a kind, the notices of that kind still in the outbox still get their letter.
     */
    public MailTemplates keeping(MailTemplates older) {
        Map<String, MailTemplate> merged = new LinkedHashMap<>(older.byKind);
        merged.putAll(byKind);
        return new MailTemplates(merged);
    }

    private static Optional<List<String>> read(Path file, List<String> problems) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            return Optional.of(text.lines().toList());
        } catch (CharacterCodingException e) {
            problems.add(file + ": not UTF-8; expected a UTF-8 text file");
        } catch (IOException e) {
            problems.add(file + ": cannot be read (" + e.getClass().getSimpleName() + "); expected a readable file");
        }
        return Optional.empty();
    }
}

package no.budstikke.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.startup.ConfigFolder;
import no.budstikke.config.ConfigErrors;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubFolders;
import no.budstikke.contract.ContractValidator;
import no.budstikke.contract.Violation;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.intake.EventParser;
import no.budstikke.intake.InputForm;
import no.budstikke.model.CaseState;
import no.budstikke.model.Decision;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeJson;
import no.budstikke.model.Unresolved;

/**
 * {@code explain <event.json> [--config DIR] [--json] [--case name=value ...]}: shows what the
 * hub would send for an event, without sending or storing anything. The way to review a change
 * to the directory, the rules or the policies before it is deployed. With {@code --replay}, a
 * shadow run of a candidate config over the events the hub stored ({@link ReplayCommand}).
 */
public final class Explain {

    public static final int OK = 0;
    public static final int INVALID_EVENT = 1;
    public static final int INVALID_CONFIG_OR_USAGE = 2;

    static final String USAGE = "usage: explain <event.json> [--config DIR] [--json] [--case name=value ...]\n"
            + "  --case activeAmotAgreement=true --case amotMunicipality=0301   what the hub knows of the case\n"
            + "   or: explain --replay --config CANDIDATE_DIR [--from T] [--to T] [--json]   a shadow run over stored events";

    private Explain() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--replay")) {
            return ReplayCommand.run(args, Path.of(HubFolders.configDirGiven(), "application.properties"), out, err);
        }
        Path eventFile = null;
        Path configDir = Path.of("config");
        boolean json = false;
        Map<String, Object> facts = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--config") && i + 1 < args.size()) {
                configDir = Path.of(args.get(++i));
            } else if (a.equals("--case") && i + 1 < args.size() && args.get(i + 1).contains("=")) {
                String[] kv = args.get(++i).split("=", 2);
                facts.put(kv[0], kv[1].equals("true") || kv[1].equals("false") ? Boolean.valueOf(kv[1]) : kv[1]);
            } else if (!a.startsWith("--") && eventFile == null) {
                eventFile = Path.of(a);
            } else {
                err.println("explain: unexpected argument '" + a + "'\n" + USAGE);
                return INVALID_CONFIG_OR_USAGE;
            }
        }
        if (eventFile == null) {
            err.println(USAGE);
            return INVALID_CONFIG_OR_USAGE;
        }
        Dispatcher dispatcher;
        try {
            // The whole folder, as a start checks it: a change that explains well must also start.
            dispatcher = new Dispatcher(ConfigFolder.check(configDir).dispatch());
        } catch (ConfigException e) {
            ConfigErrors.print("explain", e, err);
            return INVALID_CONFIG_OR_USAGE;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(eventFile);
        } catch (IOException e) {
            err.println("explain: cannot read " + eventFile + " (" + e.getClass().getSimpleName() + ")");
            return INVALID_CONFIG_OR_USAGE;
        }
        Explained explained = explain(bytes, dispatcher, new CaseState(facts), ContractValidator.fromClasspath());
        if (explained.notJson().isPresent()) {
            err.println("explain: " + eventFile + ": " + explained.notJson().get());
            return INVALID_EVENT;
        }
        if (!explained.broken().isEmpty()) {
            List<String> problems = new ArrayList<>();
            for (Violation v : explained.broken()) problems.add(eventFile + " at " + v.pointer() + ": " + v.message());
            err.println("explain: the event breaks the contract:\n  " + String.join("\n  ", problems));
            return INVALID_EVENT;
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (Decided d : explained.decided()) {
            if (json) {
                all.add(document(d.event(), d.decision()));
            } else {
                out.print(text(d.event(), d.decision()));
            }
        }
        if (json) out.println(NoticeJson.pretty(explained.batch() ? all : all.get(0)));
        return OK;
    }

    /** One event and what the config decides for it. */
    public record Decided(JsonNode event, Decision decision) {
    }

    /**
     * What explaining some bytes gives: the decisions, or why there are none: {@code notJson} when
     * the bytes are not an event or a batch, {@code broken} (pointers prefixed with the batch index)
     * when the contract refuses them.
     */
    public record Explained(boolean batch, List<Decided> decided, Optional<String> notJson, List<Violation> broken) {
    }

    /**
     * The plain decision behind the command, for anyone who holds the bytes of an event (or a batch)
     * and a dispatcher: parse, check against the contract, decide. Nothing is sent or stored.
     */
    public static Explained explain(byte[] bytes, Dispatcher dispatcher, CaseState caseState, ContractValidator validator) {
        EventParser.ParsedInput parsed = new EventParser().parse(bytes, InputForm.EITHER);
        if (parsed.failure().isPresent()) return new Explained(false, List.of(), parsed.failure(), List.of());
        List<Violation> broken = new ArrayList<>();
        for (int i = 0; i < parsed.events().size(); i++) {
            String prefix = parsed.batch() ? "/" + i : "";
            for (Violation v : validator.validateEvent(parsed.events().get(i))) {
                broken.add(new Violation(prefix + (v.pointer().isEmpty() && prefix.isEmpty() ? "/" : v.pointer()), v.message()));
            }
        }
        if (!broken.isEmpty()) return new Explained(parsed.batch(), List.of(), Optional.empty(), broken);
        List<Decided> decided = new ArrayList<>();
        for (JsonNode event : parsed.events()) decided.add(new Decided(event, dispatcher.decide(event, caseState)));
        return new Explained(parsed.batch(), decided, Optional.empty(), List.of());
    }

    static ObjectNode document(JsonNode event, Decision d) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ObjectNode ev = doc.putObject("event");
        ev.put("id", event.path("id").asText());
        ev.put("source", event.path("source").asText());
        ev.put("type", event.path("type").asText());
        ArrayNode notices = doc.putArray("notices");
        d.notices().forEach(n -> notices.add(NoticeJson.render(n)));
        ArrayNode unresolved = doc.putArray("unresolved");
        d.unresolved().forEach(u -> unresolved.add(NoticeJson.render(u)));
        return doc;
    }

    static String text(JsonNode event, Decision d) {
        StringBuilder sb = new StringBuilder();
        sb.append("Event ").append(event.path("id").asText()).append(" (").append(event.path("type").asText())
                .append(") from ").append(event.path("source").asText()).append('\n');
        long duties = d.notices().stream().map(Notice::duty).distinct().count();
        sb.append(duties).append(" duties fire: ").append(d.notices().size()).append(" notices, ")
                .append(d.unresolved().size()).append(" unresolved\n");
        for (Notice n : d.notices()) {
            sb.append("\n[").append(n.priority()).append("] ").append(n.duty()).append(n.copy() ? " (copy)" : "")
                    .append(" ").append(n.kind()).append(" → ").append(n.recipient().id()).append(" (")
                    .append(n.recipient().role()).append(", ").append(n.recipient().name()).append(", ")
                    .append(n.recipient().channel().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(n.recipient().address()).append(")\n");
            sb.append("  purpose: ").append(n.purpose()).append("; legal basis: ").append(n.legalBasis()).append('\n');
            if (!n.flags().isEmpty()) sb.append("  flags: ").append(String.join(", ", n.flags())).append('\n');
            sb.append("  content:\n").append(indent(NoticeJson.pretty(n.content()), "    ")).append('\n');
            sb.append("  removed: ").append(n.removedFields().isEmpty() ? "(nothing)" : String.join(", ", n.removedFields())).append('\n');
        }
        for (Unresolved u : d.unresolved()) {
            sb.append("\n[UNRESOLVED] ").append(u.duty()).append(" → ").append(u.role()).append(": ").append(u.reason()).append('\n')
                    .append(u.fallback() == null ? "  nobody is told; ops are alerted" : "  sent to the fallback office " + u.fallback()
                            + " instead; ops are alerted").append('\n');
        }
        return sb.toString();
    }

    private static String indent(String text, String prefix) {
        return prefix + text.replace("\n", "\n" + prefix);
    }
}

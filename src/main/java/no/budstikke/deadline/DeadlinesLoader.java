package no.budstikke.deadline;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import no.budstikke.alert.OpsMailbox;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;
import no.budstikke.contract.ContractValidator;
import no.budstikke.dispatch.config.ConditionReader;
import no.budstikke.dispatch.config.ConfigSchemas;
import no.budstikke.dispatch.config.ContractFields;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.dispatch.config.Problems;
import no.budstikke.dispatch.config.Suggest;
import no.budstikke.dispatch.config.YamlFile;
import no.budstikke.model.Condition;
import no.budstikke.model.Deadline;
import no.budstikke.model.Rule;

/**
 * Reads {@code deadlines.yaml} from the config folder, validates it against
 * {@code classpath:schemas/config/deadlines.schema.json}, and checks it against the event contract
 * (start, closing and repeat-until event types; the pointers it reads from events) and against
 * {@code routing-rules.yaml} (the duties it watches), so that a typo is a start-up error rather than
 * a deadline that never starts or never closes. Problems are reported like the dispatch
 * configuration's: {@code <file>:<line> at <json pointer>: <what is wrong>; expected <what>}.
 */
public final class DeadlinesLoader {

    public static final String FILE = "deadlines.yaml";

    /**
     * Duties the hub carries out on a schedule rather than by a routing rule, so they have no rule in
     * routing-rules.yaml but may be watched: O39, the tertial AMOT report (DOMAIN.md, issue 5).
     */
    public static final Set<String> SCHEDULED_DUTIES = Set.of("O39");

    private DeadlinesLoader() {
    }

    /**
     * Per deadline id, the mailbox of a deadline that escalates to another setting than the ops
     * mailbox's; each such setting must be set.
     *
     * @throws ConfigException naming every deadline whose mailbox setting is not set
     */
    public static Map<String, String> escalationMailboxes(HubSettings settings, List<Deadline> deadlines) {
        Map<String, String> mailboxes = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Deadline d : deadlines) {
            if (OpsMailbox.isOpsSetting(d.escalateTo())) continue;
            settings.optional(d.escalateTo()).ifPresentOrElse(m -> mailboxes.put(d.id(), m), () -> missing.add(
                    FILE + ": " + d.id() + " escalates to the setting '" + d.escalateTo()
                            + "', which is not set; expected a mailbox in application.properties or the environment"));
        }
        if (!missing.isEmpty()) throw new ConfigException(String.join("\n", missing));
        return mailboxes;
    }

    /** Loads the routing rules with {@link HubConfigLoader} (which fails on its own problems first), then the deadlines. */
    public static List<Deadline> load(Path configDir) {
        return load(configDir, HubConfigLoader.load(configDir).rules());
    }

    /** Loads and checks the deadlines against rules already loaded; throws {@link no.budstikke.config.ConfigException} listing every problem. */
    public static List<Deadline> load(Path configDir, List<Rule> rules) {
        Problems problems = new Problems();
        Optional<YamlFile> file = YamlFile.read(configDir.resolve(FILE), "the deadlines: 'zone' and a list under 'deadlines'", problems)
                .filter(f -> new ConfigSchemas().validate(f, "deadlines.schema.json", problems));
        List<Deadline> deadlines = file.map(f -> read(f, rules, problems)).orElse(List.of());
        problems.throwIfAny("deadlines configuration");
        return deadlines;
    }

    private static List<Deadline> read(YamlFile file, List<Rule> rules, Problems problems) {
        Set<String> types = ContractValidator.fromClasspath().knownTypes();
        ContractFields contract = ContractFields.get();
        Set<String> duties = new TreeSet<>(SCHEDULED_DUTIES);
        rules.forEach(r -> duties.add(r.duty()));
        ConditionReader conditions = new ConditionReader(file, contract, problems);
        Checks check = new Checks(file, types, contract, problems);

        ZoneId zone = ZoneId.of("Europe/Oslo");
        String zoneText = file.root().get("zone").asText();
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            problems.add(file, "/zone", "'" + zoneText + "' is not a time zone", "a region name such as Europe/Oslo");
        }

        List<Deadline> out = new ArrayList<>();
        Map<String, String> idAt = new LinkedHashMap<>();
        JsonNode list = file.root().get("deadlines");
        for (int i = 0; i < list.size(); i++) {
            String at = "/deadlines/" + i;
            JsonNode d = list.get(i);
            boolean ok = true;
            String id = d.get("id").asText();
            String previous = idAt.putIfAbsent(id, at);
            if (previous != null) {
                problems.add(file, at + "/id", "deadline " + id + " is already defined at line " + file.line(previous), "each deadline once");
                ok = false;
            }

            List<String> startsOn = new ArrayList<>();
            JsonNode on = d.get("starts").get("on");
            for (int k = 0; k < on.size(); k++) {
                String type = on.get(k).asText();
                ok &= check.type(at + "/starts/on/" + k, type, "an event type that starts the deadline, such as no.udi.mot.resident.missing.v1");
                startsOn.add(type);
            }
            List<String> knownStarts = startsOn.stream().filter(types::contains).toList();
            Optional<Condition> when = Optional.empty();
            if (d.get("starts").has("when")) {
                // Checked against each starting type: the condition must make sense for every one.
                List<String> checkAgainst = knownStarts.isEmpty() ? java.util.Collections.singletonList(null) : knownStarts;
                for (String type : checkAgainst) {
                    Optional<Condition> c = conditions.read(d.get("starts").get("when"), at + "/starts/when", type);
                    ok &= c.isPresent();
                    when = c;
                    if (c.isEmpty()) break;
                }
            }

            List<String> watches = new ArrayList<>();
            JsonNode w = d.get("watches");
            for (int k = 0; k < w.size(); k++) {
                String duty = w.get(k).asText();
                if (!duties.contains(duty)) {
                    problems.add(file, at + "/watches/" + k, "duty " + duty + " has no rule in " + HubConfigLoader.RULES
                                    + " and is not a scheduled duty" + Suggest.didYouMean(duty, duties),
                            "a duty of routing-rules.yaml or one of " + String.join(", ", new TreeSet<>(SCHEDULED_DUTIES)));
                    ok = false;
                }
                watches.add(duty);
            }

            Optional<Deadline.Limit> limit = limit(file, at + "/limit", d.get("limit"), knownStarts, check);
            Optional<Deadline.Closing> closes = closing(file, at + "/closes", d.get("closes"), knownStarts, check, problems);
            ok &= limit.isPresent() && closes.isPresent();

            Optional<Deadline.Repeat> repeats = Optional.empty();
            if (d.has("repeats")) {
                List<String> until = new ArrayList<>();
                JsonNode u = d.get("repeats").path("until");
                for (int k = 0; k < u.size(); k++) {
                    String type = u.get(k).asText();
                    ok &= check.type(at + "/repeats/until/" + k, type, "an event type that ends the repetition, such as no.udi.duf.settlement.decided.v1");
                    until.add(type);
                }
                repeats = Optional.of(new Deadline.Repeat(List.copyOf(until)));
            }

            Deadline.Per per = switch (d.get("per").asText()) {
                case "event" -> Deadline.Per.EVENT;
                case "case" -> Deadline.Per.CASE;
                default -> Deadline.Per.UDI_REGION;
            };
            if (ok) {
                out.add(new Deadline(id, d.get("title").asText(), List.copyOf(startsOn), when, per, List.copyOf(watches), limit.get(),
                        closes.get(), repeats, d.get("atRisk").get("fractionElapsed").asDouble(), d.get("escalateTo").asText(), zone,
                        file.source(at)));
            }
        }
        return List.copyOf(out);
    }

    private static Optional<Deadline.Limit> limit(YamlFile file, String at, JsonNode l, List<String> starts, Checks check) {
        String key = l.fieldNames().next();
        JsonNode v = l.get(key);
        return switch (key) {
            case "hours" -> Optional.of(new Deadline.Limit.Hours(v.asInt()));
            case "workingDays" -> Optional.of(new Deadline.Limit.WorkingDays(v.asInt()));
            case "weeks" -> Optional.of(new Deadline.Limit.Weeks(v.asInt()));
            case "months" -> Optional.of(new Deadline.Limit.Months(v.asInt()));
            default -> {
                boolean ok = true;
                for (String type : starts) ok &= check.dateField(at + "/beforeDate", type, v.asText());
                yield ok ? Optional.of(new Deadline.Limit.BeforeDate(v.asText())) : Optional.empty();
            }
        };
    }

    private static Optional<Deadline.Closing> closing(YamlFile file, String at, JsonNode c, List<String> starts, Checks check, Problems problems) {
        if (c.has("delivered") && (c.has("event") || c.has("sameAs"))) {
            problems.add(file, at, "'delivered' is combined with " + (c.has("event") ? "'event'" : "'sameAs'"),
                    "either {delivered: all | any} or {event: <type>, sameAs: [pointers]}");
            return Optional.empty();
        }
        if (c.has("delivered")) return Optional.of(new Deadline.Closing.Delivered(c.get("delivered").asText().equals("all")));
        if (!c.has("event")) {
            problems.add(file, at, "'sameAs' without 'event'", "{event: <type>, sameAs: [pointers]} or {delivered: all | any}");
            return Optional.empty();
        }
        String type = c.get("event").asText();
        boolean ok = check.type(at + "/event", type, "the event type that closes the deadline, such as no.udi.mot.leave.decided.v1");
        List<String> same = new ArrayList<>();
        JsonNode s = c.path("sameAs");
        for (int k = 0; k < s.size(); k++) {
            String pointer = s.get(k).asText();
            if (ok) ok &= check.field(at + "/sameAs/" + k, type, pointer, "the closing event");
            for (String start : starts) ok &= check.field(at + "/sameAs/" + k, start, pointer, "the starting event");
            same.add(pointer);
        }
        return ok ? Optional.of(new Deadline.Closing.EventArrives(type, List.copyOf(same))) : Optional.empty();
    }

    /** The contract checks, each recording its problem. */
    private record Checks(YamlFile file, Set<String> types, ContractFields contract, Problems problems) {

        boolean type(String at, String type, String expected) {
            if (types.contains(type)) return true;
            problems.add(file, at, "'" + type + "' is not an event type of the contract" + Suggest.didYouMean(type, types), expected);
            return false;
        }

        boolean field(String at, String type, String pointer, String which) {
            if (contract.field(type, pointer) != null) return true;
            problems.add(file, at, pointer + " is not a field of " + type + " (" + which + ")",
                    "a field that both the starting and the closing event types have, such as /data/leaveId");
            return false;
        }

        boolean dateField(String at, String type, String pointer) {
            JsonNode schema = contract.field(type, pointer);
            if (schema == null) {
                problems.add(file, at, pointer + " is not a field of " + type + " (the starting event)",
                        "a date field of every starting event type, such as /data/eighteenOn of no.udi.mot.resident.turning-18.v1");
                return false;
            }
            if (!"date".equals(schema.path("format").asText())) {
                problems.add(file, at, pointer + " of " + type + " is not a date",
                        "a field holding a date (YYYY-MM-DD), such as /data/eighteenOn");
                return false;
            }
            return true;
        }
    }
}

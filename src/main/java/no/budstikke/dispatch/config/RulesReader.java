package no.budstikke.dispatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.model.Condition;
import no.budstikke.model.Priority;
import no.budstikke.model.Recipient;
import no.budstikke.model.Role;
import no.budstikke.model.Rule;
import no.budstikke.model.Where;

/**
 * Builds the {@link Rule}s from a schema-valid routing-rules.yaml and checks each against the event
 * contract: known event types, condition paths and values, and places the event type provides.
 */
final class RulesReader {

    static final Condition ALWAYS = new Condition.All(List.of());

    /** The event field each place is read from; a place whose field the type lacks can never resolve. */
    static final Map<Where, String> PLACE_FIELDS = Map.of(
            Where.CENTRE, "/data/centre/municipalityNumber",
            Where.DESTINATION, "/data/address/municipalityNumber",
            Where.KNOWN_WHEREABOUTS, "/data/knownWhereabouts/municipalityNumber",
            Where.SETTLEMENT, "/data/settlementMunicipalityNumber",
            Where.LEAVE_DESTINATION, "/data/destination/municipalityNumber",
            Where.TO_CENTRE, "/data/toCentre/id");

    /** Roles that are people named in the event, not offices of the directory. */
    static final Set<Role> EVENT_CONTACTS = EnumSet.of(Role.REPRESENTATIVE, Role.LAWYER);

    private RulesReader() {
    }

    static List<Rule> read(YamlFile file, ContractFields contract, Problems problems) {
        ConditionReader conditions = new ConditionReader(file, contract, problems);
        List<Rule> rules = new ArrayList<>();
        Map<String, String> dutyAt = new LinkedHashMap<>();
        JsonNode list = file.root().get("rules");
        for (int i = 0; i < list.size(); i++) {
            String at = "/rules/" + i;
            JsonNode r = list.get(i);
            String duty = r.get("duty").asText();
            String previous = dutyAt.putIfAbsent(duty, at);
            if (previous != null) {
                problems.add(file, at + "/duty", "duty " + duty + " already has a rule at line " + file.line(previous),
                        "one rule per duty; put further recipients into the existing rule");
            }
            String on = r.get("on").asText();
            String type = on;
            if (!contract.types().contains(on)) {
                problems.add(file, at + "/on", "'" + on + "' is not an event type of the contract" + Suggest.didYouMean(on, contract.types()),
                        "an event type of EVENTS.md such as no.udi.mot.resident.missing.v1");
                type = null; // paths cannot be checked without a type
            }
            boolean ok = true;
            Condition when = ALWAYS;
            if (r.has("when")) {
                Optional<Condition> c = conditions.read(r.get("when"), at + "/when", type);
                ok &= c.isPresent();
                when = c.orElse(ALWAYS);
            }
            List<Rule.Raise> raise = new ArrayList<>();
            JsonNode raises = r.path("raise");
            for (int k = 0; k < raises.size(); k++) {
                Optional<Condition> c = conditions.read(raises.get(k).get("when"), at + "/raise/" + k + "/when", type);
                ok &= c.isPresent();
                Priority raised = Priority.valueOf(raises.get(k).get("priority").asText());
                c.ifPresent(cond -> raise.add(new Rule.Raise(cond, raised)));
            }
            List<Recipient> recipients = new ArrayList<>();
            JsonNode rs = r.get("recipients");
            for (int k = 0; k < rs.size(); k++) {
                Optional<Recipient> rec = recipient(file, at + "/recipients/" + k, rs.get(k), type, conditions, contract, problems);
                ok &= rec.isPresent();
                rec.ifPresent(recipients::add);
            }
            List<String> flags = new ArrayList<>();
            r.path("flags").forEach(f -> flags.add(f.asText()));
            if (ok) {
                rules.add(new Rule(duty, r.get("title").asText(), on, when, Priority.valueOf(r.get("priority").asText()),
                        List.copyOf(raise), r.get("kind").asText(), r.get("purpose").asText(), List.copyOf(recipients),
                        List.copyOf(flags), file.source(at),
                        r.has("task") ? Duration.ofMinutes(r.get("task").get("dueMinutes").asLong()) : null));
            }
        }
        return List.copyOf(rules);
    }

    private static Optional<Recipient> recipient(YamlFile file, String at, JsonNode r, String type, ConditionReader conditions,
                                                 ContractFields contract, Problems problems) {
        Role role = Role.valueOf(r.get("role").asText());
        List<Where> where = new ArrayList<>();
        r.get("where").forEach(w -> where.add(Where.valueOf(w.asText())));
        boolean ok = true;
        for (int i = 0; i < where.size(); i++) {
            String wAt = at + "/where/" + i;
            Where w = where.get(i);
            if (w == Where.EPISODE) {
                // The journal decides who is told; no other place can stand in for it.
                if (where.size() != 1) {
                    problems.add(file, wAt, "EPISODE listed with other places", "where: [EPISODE] alone");
                    ok = false;
                }
                continue;
            }
            boolean contact = EVENT_CONTACTS.contains(role);
            if (contact != (w == Where.EVENT_CONTACT)) {
                problems.add(file, wAt, contact ? role + " is a person named in the event, not an office" : "EVENT_CONTACT only finds the representative or the lawyer",
                        contact ? "where: [EVENT_CONTACT]" : "a place such as CENTRE for a " + role);
                ok = false;
            } else if ((role == Role.RECEPTION_CENTRE) != (w == Where.TO_CENTRE)) {
                problems.add(file, wAt, role == Role.RECEPTION_CENTRE ? "a RECEPTION_CENTRE is found by the centre the resident moves to"
                                : "TO_CENTRE only finds a RECEPTION_CENTRE",
                        role == Role.RECEPTION_CENTRE ? "where: [TO_CENTRE]" : "a place such as CENTRE for a " + role);
                ok = false;
            } else if (type != null) {
                ok &= placeAvailable(file, wAt, w, type, contract, problems);
            }
        }
        Condition when = ALWAYS;
        if (r.has("when")) {
            Optional<Condition> c = conditions.read(r.get("when"), at + "/when", type);
            ok &= c.isPresent();
            when = c.orElse(ALWAYS);
        }
        Optional<Priority> priority = r.has("priority") ? Optional.of(Priority.valueOf(r.get("priority").asText())) : Optional.empty();
        return ok ? Optional.of(new Recipient(role, List.copyOf(where), when, priority, r.path("copy").asBoolean(false))) : Optional.empty();
    }

    /** Whether events of the type carry the field a place is read from; records a problem if not. */
    static boolean placeAvailable(YamlFile file, String at, Where w, String type, ContractFields contract, Problems problems) {
        String field = PLACE_FIELDS.get(w);
        if (field == null || contract.field(type, field) != null) return true;
        problems.add(file, at, w + " is read from " + field + ", which " + type + " does not have",
                "a place that event type provides (CENTRE, DESTINATION, KNOWN_WHEREABOUTS, AMOT, SETTLEMENT, LEAVE_DESTINATION, TO_CENTRE, NATIONAL)");
        return false;
    }
}

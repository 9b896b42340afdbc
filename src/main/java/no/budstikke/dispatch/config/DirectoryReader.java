package no.budstikke.dispatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import no.budstikke.model.Channel;
import no.budstikke.model.Directory;
import no.budstikke.model.Municipality;
import no.budstikke.model.Office;
import no.budstikke.model.Role;
import no.budstikke.model.Serves;

/** Builds the {@link Directory} from a schema-valid directory.yaml and checks what the schema cannot. */
final class DirectoryReader {

    private DirectoryReader() {
    }

    static Directory read(YamlFile file, Problems problems) {
        JsonNode root = file.root();
        Map<String, Municipality> municipalities = new LinkedHashMap<>();
        root.get("municipalities").fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            municipalities.put(e.getKey(), new Municipality(e.getKey(), m.get("name").asText(), m.get("county").asText(),
                    m.get("policeDistrict").asText(), m.get("udiRegion").asText(), m.get("imdiRegion").asText()));
        });

        List<Office> offices = new ArrayList<>();
        Map<String, String> idAt = new LinkedHashMap<>();
        Map<String, String> centreAt = new LinkedHashMap<>();
        JsonNode list = root.get("offices");
        for (int i = 0; i < list.size(); i++) {
            String at = "/offices/" + i;
            JsonNode o = list.get(i);
            String id = o.get("id").asText();
            Role role = Role.valueOf(o.get("role").asText());
            String previous = idAt.putIfAbsent(id, at);
            if (previous != null) {
                problems.add(file, at + "/id", "the office id '" + id + "' is already used at line " + file.line(previous),
                        "a unique id for each office");
            }
            Serves serves = serves(file, at + "/serves", o.get("serves"), role, municipalities, problems);
            for (String centre : serves.centres()) {
                String other = centreAt.putIfAbsent(centre, at);
                if (other != null) {
                    problems.add(file, at + "/serves/centres", "the centre '" + centre + "' is already served by the office at line "
                            + file.line(other), "one office per reception centre");
                }
            }
            offices.add(new Office(id, role, o.get("name").asText(),
                    Channel.valueOf(o.get("channel").asText().toUpperCase(Locale.ROOT)), o.get("address").asText(), serves, false));
        }
        Map<Role, String> fallbacks = fallbacks(file, root.path("fallbacks"), offices, problems);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get("serves").isEmpty() && !fallbacks.containsValue(offices.get(i).id())) {
                problems.add(file, "/offices/" + i + "/serves", "the office serves nothing and is no role's fallback",
                        "the areas it serves, or its id under 'fallbacks'");
            }
        }
        return new Directory(Collections.unmodifiableMap(municipalities), List.copyOf(offices), fallbacks);
    }

    /** A role's fallback must be an office of that same role, so its notices keep the role's disclosure policy. */
    private static Map<Role, String> fallbacks(YamlFile file, JsonNode node, List<Office> offices, Problems problems) {
        Map<Role, String> out = new java.util.EnumMap<>(Role.class);
        node.fields().forEachRemaining(e -> {
            Role role = Role.valueOf(e.getKey());
            String id = e.getValue().asText();
            String at = "/fallbacks/" + e.getKey();
            java.util.Optional<Office> office = offices.stream().filter(o -> o.id().equals(id)).findFirst();
            if (office.isEmpty()) {
                problems.add(file, at, "no office has the id '" + id + "'", "the id of an office in 'offices'");
            } else if (office.get().role() != role) {
                problems.add(file, at, "the office '" + id + "' is a " + office.get().role() + " office",
                        "an office whose role is " + role + ", so its notices are redacted by that role's policy");
            } else {
                out.put(role, id);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    private static Serves serves(YamlFile file, String at, JsonNode s, Role role, Map<String, Municipality> municipalities, Problems problems) {
        boolean national = s.path("national").asBoolean(false);
        if (national && s.size() > 1) {
            problems.add(file, at, "'national: true' is combined with other areas", "either {national: true} or a list of areas, not both");
        }
        Set<String> centres = names(s, "centres");
        if (role == Role.RECEPTION_CENTRE && (centres.isEmpty() || s.size() > 1)) {
            problems.add(file, at, "a RECEPTION_CENTRE office must serve centres only", "serves: {centres: [<centre id>, ...]}");
        } else if (role != Role.RECEPTION_CENTRE && !centres.isEmpty()) {
            problems.add(file, at + "/centres", "only a RECEPTION_CENTRE office serves centres",
                    "municipalities, counties, policeDistricts, udiRegions, imdiRegions or national for a " + role + " office");
        }
        return new Serves(national,
                known(file, at, s, "municipalities", "municipality number", municipalities, Municipality::number, problems),
                known(file, at, s, "counties", "county", municipalities, Municipality::county, problems),
                known(file, at, s, "policeDistricts", "police district", municipalities, Municipality::policeDistrict, problems),
                known(file, at, s, "udiRegions", "UDI region", municipalities, Municipality::udiRegion, problems),
                known(file, at, s, "imdiRegions", "IMDi region", municipalities, Municipality::imdiRegion, problems),
                centres);
    }

    /** The listed areas; each must be the area of some municipality, or it is a typo that would leave offices unreachable. */
    private static Set<String> known(YamlFile file, String at, JsonNode serves, String key, String what,
                                     Map<String, Municipality> municipalities, Function<Municipality, String> area, Problems problems) {
        Set<String> values = names(serves, key);
        Set<String> existing = new TreeSet<>();
        municipalities.values().forEach(m -> existing.add(area.apply(m)));
        JsonNode list = serves.path(key);
        for (int i = 0; i < list.size(); i++) {
            String v = list.get(i).asText();
            if (!existing.contains(v)) {
                problems.add(file, at + "/" + key + "/" + i, "'" + v + "' is not the " + what + " of any municipality under /municipalities",
                        "one of " + String.join(", ", existing) + " (or add the municipalities it covers)");
            }
        }
        return values;
    }

    private static Set<String> names(JsonNode serves, String key) {
        Set<String> out = new LinkedHashSet<>();
        serves.path(key).forEach(n -> out.add(n.asText()));
        return Set.copyOf(out);
    }
}

package no.budstikke.dispatch.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.budstikke.model.Directory;
import no.budstikke.model.Municipality;
import no.budstikke.model.Office;
import no.budstikke.model.Policies;
import no.budstikke.model.Recipient;
import no.budstikke.model.Role;
import no.budstikke.model.Rule;
import no.budstikke.model.Where;

/**
 * The checks between the three files: every recipient of every rule has a disclosure policy for the
 * rule's purpose, and resolves to exactly one office, for every municipality in the reference data.
 * A gap found here at start-up would otherwise be found when a child goes missing.
 */
final class CrossChecks {

    private CrossChecks() {
    }

    static void check(YamlFile rulesFile, List<Rule> rules, YamlFile policiesFile, Policies policies,
                      YamlFile directoryFile, Directory directory, Problems problems) {
        Map<String, String> reported = new LinkedHashMap<>();
        for (Rule rule : rules) {
            for (int k = 0; k < rule.recipients().size(); k++) {
                Recipient r = rule.recipients().get(k);
                String at = rule.source().pointer() + "/recipients/" + k;
                if (policies != null && policies.find(r.role(), rule.purpose()).isEmpty()) {
                    problems.add(rulesFile, at + "/role", "no disclosure policy for " + r.role() + " with purpose '" + rule.purpose()
                                    + "' in " + policiesFile.name(),
                            "a policy {role: " + r.role() + ", purpose: " + rule.purpose() + ", legalBasis, allow} there, or another purpose"
                                    + " (without a policy nothing may be disclosed)");
                }
                if (directory != null) resolves(rulesFile, at, rule, r, directoryFile, directory, reported, problems);
            }
        }
    }

    private static void resolves(YamlFile rulesFile, String at, Rule rule, Recipient r, YamlFile directoryFile, Directory directory,
                                 Map<String, String> reported, Problems problems) {
        if (RulesReader.EVENT_CONTACTS.contains(r.role())) return;
        String needed = "needed by " + rule.duty() + " at " + rulesFile.source(at);
        for (Where w : r.where()) {
            switch (w) {
                case EVENT_CONTACT, EPISODE -> {
                }
                case NATIONAL -> {
                    List<Office> offices = directory.national(r.role());
                    if (offices.size() != 1 && reported.putIfAbsent(r.role() + "/national", at) == null) {
                        problems.add(rulesFile.source(at + "/where"), offices.isEmpty()
                                        ? "no " + r.role() + " office in " + directoryFile.name() + " serves the whole country"
                                        : offices.size() + " " + r.role() + " offices serve the whole country: " + ids(offices, directoryFile, directory),
                                "exactly one office {role: " + r.role() + ", serves: {national: true}} in " + directoryFile.name());
                    }
                }
                case TO_CENTRE -> {
                    boolean any = directory.offices().stream().anyMatch(o -> o.role() == Role.RECEPTION_CENTRE && !o.serves().centres().isEmpty());
                    if (!any && reported.putIfAbsent("centres", at) == null) {
                        problems.add(rulesFile.source(at + "/where"), "no RECEPTION_CENTRE office in " + directoryFile.name(),
                                "offices {role: RECEPTION_CENTRE, serves: {centres: [...]}} for the centres residents move to");
                    }
                }
                default -> {
                    for (Municipality m : directory.municipalities().values()) {
                        List<Office> offices = directory.serving(r.role(), m);
                        if (offices.size() == 1 || reported.putIfAbsent(r.role() + "/" + m.number(), at) != null) continue;
                        String place = m.number() + " " + m.name();
                        problems.add(directoryFile, "/municipalities/" + m.number(), offices.isEmpty()
                                        ? "no " + r.role() + " office serves " + place + " (" + needed + ")"
                                        : offices.size() + " " + r.role() + " offices serve " + place + ": " + ids(offices, directoryFile, directory)
                                        + " (" + needed + ")",
                                "exactly one office with role " + r.role() + " whose serves covers " + place
                                        + " (by municipality, county " + m.county() + ", police district " + m.policeDistrict()
                                        + ", UDI region " + m.udiRegion() + " or IMDi region " + m.imdiRegion() + ")");
                    }
                }
            }
        }
    }

    private static String ids(List<Office> offices, YamlFile directoryFile, Directory directory) {
        StringBuilder out = new StringBuilder();
        for (Office o : offices) {
            if (out.length() > 0) out.append(", ");
            int index = directory.offices().indexOf(o);
            out.append(o.id()).append(" (line ").append(directoryFile.line("/offices/" + index)).append(')');
        }
        return out.toString();
    }
}

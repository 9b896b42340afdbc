package no.budstikke.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.budstikke.model.CaseState;
import no.budstikke.model.Decision;
import no.budstikke.model.HubConfig;
import no.budstikke.model.Notice;
import no.budstikke.model.Office;
import no.budstikke.model.Policy;
import no.budstikke.model.Priority;
import no.budstikke.model.Recipient;
import no.budstikke.model.Role;
import no.budstikke.model.Rule;
import no.budstikke.model.Unresolved;
import no.budstikke.model.Where;

/**
 * Turns one event into the notices it leads to. Pure and deterministic: no Camel, no I/O, no
 * clock, no logging; safe to share between threads.
 *
 * <p>For each rule whose {@code on} is the event's type and whose {@code when} holds, and for each
 * of its recipients whose {@code when} holds: find the disclosure policy for (role, purpose) —
 * none means nothing is sent and the gap is reported (default deny); resolve the office; take the
 * priority (the recipient's, else the rule's, lifted by the first {@code raise} that holds, never
 * lowered); redact the event's data by the policy; add the rule's flags. Notices are ordered by
 * priority (most urgent first), duty (O2 before O10), then office id. Should two recipients of one
 * duty resolve to the same office (same copy flag), one notice is kept, the most urgent.
 *
 * <p>Health data ({@code /data/caseContext/healthNotes} and the {@code health} field category)
 * never reaches any role but HEALTH_OFFICE, even if a policy allowed it: the loader's cross-check
 * should already refuse such a policy; this is the second lock.
 */
public final class Dispatcher {

    /** Health fields of the contract; the {@code health} category, if configured, is added to these. */
    public static final List<String> HEALTH_PATHS = List.of("/data/caseContext/healthNotes");
    public static final String HEALTH_CATEGORY = "health";

    /** The flag on a notice sent to a role's fallback office because the role's own office could not be resolved. */
    public static final String FALLBACK_FLAG = "FALLBACK_RECIPIENT";

    private static final Set<String> KNOWN_FLAGS = Set.of(LeaveChecks.RULE_FLAG);
    private static final Comparator<Notice> ORDER = Comparator
            .comparing(Notice::priority)
            .thenComparing(Notice::duty, Dispatcher::compareDuties)
            .thenComparing(n -> n.recipient().id())
            .thenComparing(Notice::copy);

    private final HubConfig config;
    private final Map<String, List<Rule>> rulesByType;
    private final Map<Role, Map<String, PolicyView>> policies;
    private final Conditions conditions;
    private final Recipients recipients;
    private final LeaveChecks leaveChecks = new LeaveChecks();

    /** A policy with its compiled redactor. */
    public record PolicyView(Policy policy, Redactor redactor) {
    }

    /**
     * @throws IllegalArgumentException if a rule names an unknown flag or a subject that is not a
     *         JSON pointer, or a policy an unknown field category (the loader should refuse all three)
     */
    public Dispatcher(HubConfig config) {
        this.config = config;
        this.recipients = new Recipients(config.directory());
        this.conditions = new Conditions(config.directory());
        Map<String, List<Rule>> byType = new HashMap<>();
        for (Rule rule : config.rules()) {
            for (String flag : nullToEmpty(rule.flags())) {
                if (!KNOWN_FLAGS.contains(flag)) {
                    throw new IllegalArgumentException("rule " + rule.duty() + " names unknown flag '" + flag
                            + "'; known: " + KNOWN_FLAGS);
                }
            }
            try {
                conditions.check(rule.when());
                nullToEmpty(rule.raise()).forEach(r -> conditions.check(r.when()));
                rule.recipients().forEach(r -> conditions.check(r.when()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule " + rule.duty() + ": " + e.getMessage(), e);
            }
            byType.computeIfAbsent(rule.on(), t -> new ArrayList<>()).add(rule);
        }
        byType.replaceAll((t, rules) -> List.copyOf(rules));
        this.rulesByType = Map.copyOf(byType);

        Map<String, List<String>> categories = config.policies().categories() == null ? Map.of()
                : config.policies().categories();
        Set<String> health = new LinkedHashSet<>(HEALTH_PATHS);
        health.addAll(categories.getOrDefault(HEALTH_CATEGORY, List.of()));
        Map<Role, Map<String, PolicyView>> byRole = new EnumMap<>(Role.class);
        for (Policy p : config.policies().policies()) {
            Map<String, PolicyView> forRole = byRole.computeIfAbsent(p.role(), r -> new LinkedHashMap<>());
            if (forRole.containsKey(p.purpose())) continue; // first wins, as Policies.find
            Redactor redactor = new Redactor(
                    expand(p, p.allow(), categories),
                    expand(p, p.withConsent(), categories),
                    p.role() == Role.HEALTH_OFFICE ? List.of() : List.copyOf(health));
            forRole.put(p.purpose(), new PolicyView(p, redactor));
        }
        this.policies = byRole;
    }

    public HubConfig config() {
        return config;
    }

    public Decision decide(JsonNode event, CaseState caseState) {
        CaseState facts = caseState == null ? CaseState.UNKNOWN : caseState;
        List<Rule> rules = rulesByType.getOrDefault(event.path("type").asText(""), List.of());
        Map<String, Notice> notices = new LinkedHashMap<>();
        List<Unresolved> unresolved = new ArrayList<>();
        for (Rule rule : rules) {
            if (!conditions.holds(rule.when(), event, facts)) continue;
            List<String> flags = flags(rule, event);
            for (Recipient recipient : rule.recipients()) {
                if (!conditions.holds(recipient.when(), event, facts)) continue;
                Optional<PolicyView> view = policy(recipient.role(), rule.purpose());
                if (view.isEmpty()) {
                    unresolved.add(new Unresolved(rule.duty(), recipient.role(), "no disclosure policy for "
                            + recipient.role() + " and purpose '" + rule.purpose() + "'; nothing is sent (default deny)"));
                    continue;
                }
                for (Recipients.Resolution resolution : resolve(recipient, event, facts)) {
                    Priority priority = priority(rule, recipient, event, facts);
                    List<String> noticeFlags = flags;
                    Office office;
                    if (resolution instanceof Recipients.Gap gap) {
                        // Never a silent gap: ops are alerted, and the role's fallback office, if the
                        // directory names one, gets the notice meanwhile, marked as such.
                        Optional<Office> fallback = config.directory().fallback(recipient.role());
                        unresolved.add(new Unresolved(rule.duty(), recipient.role(), gap.reason(), priority, gap.municipality(),
                                fallback.map(Office::id).orElse(null)));
                        if (fallback.isEmpty()) continue;
                        office = fallback.get();
                        noticeFlags = withFallbackFlag(flags);
                    } else {
                        office = ((Recipients.Resolved) resolution).office();
                    }
                    if (rule.taskDue() != null) office = recipients.asTask(office, event);
                    String key = rule.duty() + '\u0000' + office.id() + '\u0000' + recipient.copy();
                    Notice existing = notices.get(key);
                    if (existing != null && existing.priority().compareTo(priority) <= 0) continue;
                    Redactor.Redaction redaction = view.get().redactor().redact(event);
                    Policy policy = view.get().policy();
                    notices.put(key, new Notice(rule.duty(), recipient.copy(), rule.kind(), priority, office,
                            rule.purpose(), policy.legalBasis(), redaction.content(), redaction.removedFields(), noticeFlags,
                            rule.taskDue(), List.of()));
                }
            }
        }
        List<Notice> ordered = new ArrayList<>(notices.values());
        ordered.sort(ORDER);
        return new Decision(List.copyOf(ordered), List.copyOf(unresolved));
    }

    /**
     * One office from the directory or the event, or, for {@link Where#EPISODE}, every office of the
     * role the journal recorded as told of the open disappearance (none is not a gap: that role was
     * simply not told). A told office still in the directory is reached at its current address.
     */
    private List<Recipients.Resolution> resolve(Recipient recipient, JsonNode event, CaseState facts) {
        if (!recipient.where().contains(Where.EPISODE)) {
            return List.of(recipients.resolve(recipient.role(), recipient.where(), event, facts));
        }
        List<Recipients.Resolution> out = new ArrayList<>();
        for (Office told : facts.told()) {
            if (told.role() != recipient.role()) continue;
            Office now = told.fromEvent() ? told : config.directory().offices().stream()
                    .filter(o -> o.id().equals(told.id())).findFirst().orElse(told);
            out.add(new Recipients.Resolved(now));
        }
        return out;
    }

    /**
     * The policy for (role, purpose) with the redactor dispatch uses for it, health paths denied as
     * for every notice: for notices the hub composes itself (the O39 report). Empty: default deny.
     */
    public Optional<PolicyView> policy(Role role, String purpose) {
        Map<String, PolicyView> forRole = policies.get(role);
        return forRole == null ? Optional.empty() : Optional.ofNullable(forRole.get(purpose));
    }

    private static List<String> withFallbackFlag(List<String> flags) {
        List<String> out = new ArrayList<>(flags);
        out.add(FALLBACK_FLAG);
        return List.copyOf(out);
    }

    private List<String> flags(Rule rule, JsonNode event) {
        List<String> ruleFlags = nullToEmpty(rule.flags());
        if (ruleFlags.isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        if (ruleFlags.contains(LeaveChecks.RULE_FLAG)) out.addAll(leaveChecks.flags(event));
        return List.copyOf(out);
    }

    /**
     * The recipient's own priority, else the rule's; then lifted by the first raise whose condition
     * holds. A raise never lowers a priority.
     */
    Priority priority(Rule rule, Recipient recipient, JsonNode event, CaseState facts) {
        Priority base = recipient.priority() != null && recipient.priority().isPresent()
                ? recipient.priority().get() : rule.priority();
        for (Rule.Raise raise : nullToEmpty(rule.raise())) {
            if (conditions.holds(raise.when(), event, facts)) {
                return raise.priority().compareTo(base) < 0 ? raise.priority() : base;
            }
        }
        return base;
    }

    private static List<String> expand(Policy p, List<String> entries, Map<String, List<String>> categories) {
        List<String> out = new ArrayList<>();
        for (String entry : nullToEmpty(entries)) {
            if (entry.startsWith("/")) {
                out.add(entry);
            } else if (categories.containsKey(entry)) {
                out.addAll(categories.get(entry));
            } else {
                throw new IllegalArgumentException("policy " + p.role() + "/" + p.purpose() + " names '" + entry
                        + "', which is neither a /data pointer nor a field category " + categories.keySet());
            }
        }
        return out;
    }

    /** O2 before O10: by the text before the first digit, then the number, then the whole id. */
    public static int compareDuties(String a, String b) {
        int ia = firstDigit(a);
        int ib = firstDigit(b);
        int c = a.substring(0, ia).compareTo(b.substring(0, ib));
        if (c != 0) return c;
        int ea = digitsEnd(a, ia);
        int eb = digitsEnd(b, ib);
        String na = a.substring(ia, ea).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(ib, eb).replaceFirst("^0+(?=.)", "");
        c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int firstDigit(String s) {
        int i = 0;
        while (i < s.length() && !Character.isDigit(s.charAt(i))) i++;
        return i;
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        return i;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

package no.budstikke.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.budstikke.model.Decision;
import no.budstikke.model.HubConfig;
import no.budstikke.model.Notice;
import no.budstikke.model.Office;
import no.budstikke.model.Role;
import no.budstikke.model.Unresolved;
import no.budstikke.testing.LogCapture;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3 item 5b, property-style: 300 seeded random events across every type, with a unique
 * canary in every identity and free-text field. A canary may appear only in notices whose policy
 * allows its path (and there it must appear, in its place); never in an unresolved reason, a
 * notice's or office's toString, the log, or a health note outside a health office. A recipient
 * named in the event may carry its own name and address, and nothing else.
 */
class CanaryLeakTest {

    static final long SEED = 20261120L;
    static final int EVENTS = 300;

    @ParameterizedTest(name = "{0} config")
    @ValueSource(strings = {LeakOracle.SAMPLE, LeakOracle.SHIPPED})
    void aCanaryReachesOnlyTheNoticesWhosePolicyAllowsItsField(String configName) {
        HubConfig config = LeakOracle.config(configName);
        Dispatcher dispatcher = new Dispatcher(config);
        RandomEvents events = new RandomEvents(SEED);
        SoftAssertions softly = new SoftAssertions();
        Set<String> allCanaries = new HashSet<>();
        Set<String> typesWithNotices = new HashSet<>();
        Map<String, int[]> checkedPerType = new java.util.TreeMap<>();
        int notices = 0;
        int delivered = 0;
        int withheld = 0;
        try (LogCapture log = LogCapture.attach()) {
            for (int i = 0; i < EVENTS; i++) {
                RandomEvents.Sample s = events.next(i);
                boolean consent = Redactor.consentGiven(s.event());
                Decision d = dispatcher.decide(s.event(), s.caseState());
                allCanaries.addAll(s.canaries().values());
                if (!d.notices().isEmpty()) typesWithNotices.add(s.event().path("type").asText());
                notices += d.notices().size();
                for (Notice n : d.notices()) {
                    String content = n.content().toString();
                    String meta = String.join("|", n.duty(), n.kind(), n.purpose(), n.legalBasis(), n.toString(),
                            n.recipient().toString(), n.recipient().id(), String.join(",", n.flags()),
                            String.join(",", n.removedFields()));
                    for (Map.Entry<String, String> canary : s.canaries().entrySet()) {
                        checkedPerType.computeIfAbsent(s.event().path("type").asText(), t -> new int[1])[0]++;
                        String pointer = canary.getKey();
                        String value = canary.getValue();
                        String where = "event " + i + " " + n.duty() + " → " + n.recipient().role() + "/" + n.purpose()
                                + ", field " + pointer;
                        if (LeakOracle.mayCarry(config, n, consent, pointer)) {
                            softly.assertThat(n.content().at(pointer.substring("/data".length())).asText())
                                    .as("%s: allowed, so delivered in place", where).isEqualTo(value);
                            delivered++;
                        } else {
                            softly.assertThat(content).as("%s: not allowed", where).doesNotContain(value);
                            withheld++;
                        }
                        softly.assertThat(meta).as("%s: not in the notice's metadata", where).doesNotContain(value);
                        if (pointer.equals(LeakOracle.HEALTH_NOTES) && content.contains(value)) {
                            softly.assertThat(n.recipient().role()).as("%s: health notes", where).isEqualTo(Role.HEALTH_OFFICE);
                        }
                        Office o = n.recipient();
                        if ((o.name() + "|" + o.address()).contains(value)) {
                            softly.assertThat(o.fromEvent() && pointer.startsWith(contactField(o.role())))
                                    .as("%s: only a contact's own details address it", where).isTrue();
                        }
                    }
                }
                for (Unresolved u : d.unresolved()) {
                    for (String value : s.canaries().values()) {
                        softly.assertThat(u.reason() + "|" + u).as("unresolved %s of event %d", u.duty(), i).doesNotContain(value);
                    }
                }
            }
            String logged = log.all();
            softly.assertThat(allCanaries.stream().filter(logged::contains).toList()).as("canaries in the log").isEmpty();
        }
        softly.assertAll();
        // The test means something only if much was decided, delivered and withheld, across the types.
        assertThat(notices).isGreaterThan(EVENTS);
        assertThat(delivered).isGreaterThan(1000);
        assertThat(withheld).isGreaterThan(1000);
        assertThat(typesWithNotices).hasSizeGreaterThan(events.types().size() / 2);
        // Every event type some rule acts on had its canaries checked against real notices.
        Set<String> typesWithRules = new java.util.TreeSet<>();
        config.rules().forEach(rule -> typesWithRules.add(rule.on()));
        typesWithRules.retainAll(events.types());
        assertThat(typesWithRules).as("types the rules act on").isNotEmpty();
        for (String type : typesWithRules) {
            assertThat(checkedPerType.getOrDefault(type, new int[1])[0]).as("canary checks in notices of %s", type)
                    .isGreaterThan(0);
        }
    }

    private static String contactField(Role role) {
        return switch (role) {
            case REPRESENTATIVE -> "/data/caseContext/representative/";
            case LAWYER -> "/data/caseContext/lawyer/";
            default -> "\u0000"; // nothing
        };
    }

    @ParameterizedTest(name = "{0} config")
    @ValueSource(strings = {LeakOracle.SAMPLE, LeakOracle.SHIPPED})
    void theRandomEventsAreTheSameForTheSameSeed(String configName) {
        HubConfig config = LeakOracle.config(configName);
        Dispatcher dispatcher = new Dispatcher(config);
        RandomEvents a = new RandomEvents(SEED);
        RandomEvents b = new RandomEvents(SEED);
        for (int i = 0; i < 50; i++) {
            RandomEvents.Sample x = a.next(i);
            RandomEvents.Sample y = b.next(i);
            assertThat(y.event()).isEqualTo(x.event());
            assertThat(dispatcher.decide(y.event(), y.caseState())).isEqualTo(dispatcher.decide(x.event(), x.caseState()));
        }
    }
}

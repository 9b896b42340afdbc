package no.budstikke.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.budstikke.model.CaseState;
import no.budstikke.model.Decision;
import no.budstikke.model.HubConfig;
import no.budstikke.model.Notice;
import no.budstikke.model.Role;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3 item 5a: for every example event and every per-type valid event, in several case
 * situations and with consent given and not, every value in every notice is one its recipient's
 * policy allows, in its place; and every value of the event's data is either copied or listed as
 * removed. Runs on the sample config and on the shipped config once it loads.
 */
class NoticeAllowlistLeakTest {

    static Stream<Arguments> eventsUnderEachConfig() {
        List<Arguments> out = new ArrayList<>();
        for (String config : LeakOracle.CONFIGS) {
            for (String resource : Fixtures.allEventResources()) out.add(Arguments.of(config, resource));
        }
        return out.stream();
    }

    /** The event as shipped, then with consent given and every case fact known, then with consent refused. */
    private static List<Map.Entry<ObjectNode, CaseState>> variants(String resource) {
        ObjectNode asIs = Fixtures.resource(resource);
        ObjectNode consenting = asIs.deepCopy();
        ObjectNode refusing = asIs.deepCopy();
        if (asIs.path("data").has("person")) {
            Fixtures.set(consenting, "/data/caseContext/consents/disclosureToOthers", true);
            Fixtures.set(consenting, "/data/caseContext/childWelfareCaseOpen", true);
            Fixtures.set(consenting, "/data/caseContext/awaitingSettlement", true);
            Fixtures.set(consenting, "/data/caseContext/healthNotes", "Health note.");
            Fixtures.set(refusing, "/data/caseContext/consents/disclosureToOthers", false);
            Fixtures.set(refusing, "/data/caseContext/specialNeeds", "Needs.");
        }
        return List.of(Map.entry(asIs, CaseState.UNKNOWN),
                Map.entry(consenting, Fixtures.facts("activeAmotAgreement", true, "amotMunicipality", "3403")),
                Map.entry(refusing, CaseState.UNKNOWN));
    }

    @ParameterizedTest(name = "{0} config, {1}")
    @MethodSource("eventsUnderEachConfig")
    void everyValueInEveryNoticeIsAllowedByItsRecipientsPolicyAndNoneIsLostSilently(String configName, String resource) {
        HubConfig config = LeakOracle.config(configName);
        Dispatcher dispatcher = new Dispatcher(config);
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<ObjectNode, CaseState> variant : variants(resource)) {
            ObjectNode event = variant.getKey();
            boolean consent = Redactor.consentGiven(event);
            Decision d = dispatcher.decide(event, variant.getValue());
            Map<String, JsonNode> eventLeaves = Leaves.of(event.path("data"), "/data");
            for (Notice n : d.notices()) {
                String who = n.duty() + " → " + n.recipient().role() + "/" + n.purpose() + " (consent " + consent + ")";
                List<String> allowed = LeakOracle.allowed(config, n, consent);
                Map<String, JsonNode> contentLeaves = Leaves.of(n.content(), "/data");
                contentLeaves.forEach((pointer, value) -> {
                    if (value.isContainerNode()) {
                        softly.assertThat(Leaves.onTheWayToAny(allowed, pointer) || Leaves.coveredByAny(allowed, pointer))
                                .as("%s: empty %s lies on an allowed path", who, pointer).isTrue();
                    } else {
                        softly.assertThat(LeakOracle.mayCarry(config, n, consent, pointer))
                                .as("%s: %s is allowed", who, pointer).isTrue();
                        softly.assertThat(event.at(pointer)).as("%s: %s holds the event's value", who, pointer).isEqualTo(value);
                    }
                });
                for (String pointer : eventLeaves.keySet()) {
                    boolean copied = contentLeaves.containsKey(pointer);
                    boolean removed = n.removedFields().stream().anyMatch(r -> Leaves.covers(r, pointer));
                    softly.assertThat(copied ^ removed).as("%s: %s is either copied or listed as removed", who, pointer).isTrue();
                }
                if (n.recipient().role() != Role.HEALTH_OFFICE) {
                    softly.assertThat(n.content().at("/caseContext/healthNotes").isMissingNode())
                            .as("%s: no health notes", who).isTrue();
                }
            }
        }
        softly.assertAll();
    }
}

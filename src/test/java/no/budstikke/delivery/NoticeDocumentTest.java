package no.budstikke.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.intake.EventKey;
import no.budstikke.model.CaseState;
import no.budstikke.model.Channel;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.NoticeId;
import no.budstikke.testing.NoticeSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notice the shipped config decides from the example and valid test events, built as the
 * hub builds it, is a valid notice-v1 document and carries none of what was withheld.
 */
class NoticeDocumentTest {

    private static final Dispatcher DISPATCHER = new Dispatcher(HubConfigLoader.load(Path.of("config")));
    private static final NoticeDocument DOCUMENTS = new NoticeDocument("Budstikke, mottakssystemet for enslige mindreårige");
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 20, 21, 16, 0, 0, ZoneOffset.ofHours(1));
    /** The case facts the rules ask about, both ways, so that rules with case conditions are covered too. */
    private static final List<CaseState> CASES = List.of(CaseState.UNKNOWN,
            new CaseState(Map.of("activeAmotAgreement", true, "amotMunicipality", "3403")));

    record Built(String event, Notice notice, ObjectNode document) {
        @Override
        public String toString() {
            return event.substring(event.lastIndexOf('/') + 1) + " " + notice;
        }
    }

    static Stream<Arguments> notices() {
        Map<String, ObjectNode> events = new java.util.LinkedHashMap<>();
        Fixtures.allEventResources().forEach(r -> events.put(r, Fixtures.resource(r)));
        // A representative with a phone and no e-mail: O23 becomes a phone task, the one channel the files lack.
        ObjectNode phoneOnly = Fixtures.valid("no.udi.mot.resident.missing.v1");
        Fixtures.set(phoneOnly, "/data/caseContext", Fixtures.JSON.createObjectNode().set("representative",
                Fixtures.JSON.createObjectNode().put("name", "Rita Representant").put("phone", "+4790000001")));
        events.put("missing with a representative by phone only", phoneOnly);
        List<Arguments> out = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : events.entrySet()) {
            String resource = e.getKey();
            ObjectNode event = e.getValue();
            String key = EventKey.of(event.path("source").asText(), event.path("id").asText());
            for (CaseState facts : CASES) {
                for (Notice n : DISPATCHER.decide(event, facts).notices()) {
                    String id = NoticeId.of(key, n.duty(), n.recipient().id(), n.copy());
                    out.add(Arguments.of(new Built(resource, n, DOCUMENTS.build(id, key, event, n, NOW))));
                }
            }
        }
        return out.stream();
    }

    @Test
    void theExamplesMakeNoticesOfEveryChannel() {
        assertThat(notices().map(a -> ((Built) a.get()[0]).notice().recipient().channel()).distinct())
                .as("the cases below cover every channel").containsExactlyInAnyOrder(Channel.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notices")
    void theDocumentIsAValidNoticeV1(Built b) {
        assertThat(NoticeSchema.violations(b.document())).isEmpty();
        assertThat(b.document().path("schema").asText()).isEqualTo(NoticeDocument.SCHEMA);
        assertThat(b.document().path("content")).isEqualTo(b.notice().content());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notices")
    void theDocumentCarriesNothingThatWasWithheld(Built b) {
        assertThat(fieldNames(b.document())).doesNotContain("removedFields");
        JsonNode content = b.document().path("content");
        for (String removed : b.notice().removedFields()) {
            assertThat(removed).startsWith("/data/");
            assertThat(content.at(removed.substring("/data".length())).isMissingNode())
                    .as("%s withheld from %s, yet in the document", removed, b.notice().recipient().id()).isTrue();
        }
        assertThat(b.document().toString()).doesNotContain("healthNotes");
    }

    /** Every field name anywhere in the document. */
    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        collect(node, names);
        return names;
    }

    private static void collect(JsonNode node, List<String> names) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                names.add(e.getKey());
                collect(e.getValue(), names);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, names));
        }
    }
}

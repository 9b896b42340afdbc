package no.budstikke.dispatch;

import static no.budstikke.dispatch.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import no.budstikke.dispatch.Redactor.Redaction;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static ObjectNode event(boolean consent) {
        return (ObjectNode) json("""
                {"type": "no.udi.mot.resident.moved-without-clearance.v1", "time": "2026-11-20T12:00:00+01:00",
                 "data": {
                   "person": {"dufNumber": "201912345678", "givenName": "Amina", "familyName": "Hassan",
                              "birthDate": "2010-03-14", "languages": ["so", "ar"]},
                   "caseContext": {
                     "representative": {"name": "Kari Nordmann", "phone": "+4791234567", "email": "kari@example.org"},
                     "healthNotes": "Asthma.",
                     "consents": {"disclosureToOthers": %s, "health": false}
                   },
                   "address": {"street": "Kirkegata 3", "postalCode": "4006", "postTown": "Stavanger", "municipalityNumber": "1103"},
                   "hosts": [
                     {"name": "Host One", "birthDate": "1980-01-01", "phone": "+4740000001"},
                     {"name": "Host Two", "birthDate": "1985-05-05", "phone": "+4740000002"}
                   ],
                   "careSituation": "Sleeps well.",
                   "clearances": {"asylumInterviewHeld": false}
                 }}""".formatted(consent));
    }

    private static Redaction redact(JsonNode event, List<String> allow) {
        return Redactor.allowing(allow).redact(event);
    }

    /** Content and removed fields account for every leaf of data, and never overlap. */
    private static void assertNothingLostNothingLeaked(JsonNode event, Redaction r, List<String> allowed) {
        Map<String, JsonNode> eventLeaves = Leaves.of(event.path("data"), "/data");
        Map<String, JsonNode> contentLeaves = Leaves.of(r.content(), "/data");
        for (Map.Entry<String, JsonNode> leaf : contentLeaves.entrySet()) {
            String p = leaf.getKey();
            if (leaf.getValue().isContainerNode()) {
                assertThat(Leaves.onTheWayToAny(allowed, p)).as("empty container %s is on an allowed path", p).isTrue();
            } else {
                assertThat(Leaves.coveredByAny(allowed, p)).as("%s is allowed", p).isTrue();
                assertThat(event.at(p)).as("%s keeps its value and place", p).isEqualTo(leaf.getValue());
            }
        }
        for (String p : eventLeaves.keySet()) {
            boolean copied = contentLeaves.containsKey(p);
            boolean removed = r.removedFields().stream().anyMatch(x -> Leaves.covers(x, p));
            assertThat(copied ^ removed).as("%s is either copied or removed", p).isTrue();
        }
        assertThat(r.removedFields()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void onlyAllowedFieldsAreCopiedAndEverythingElseIsListedAsRemoved() {
        ObjectNode e = event(false);
        List<String> allow = List.of("/data/person/givenName", "/data/person/familyName");
        Redaction r = redact(e, allow);
        assertThat(r.content()).isEqualTo(json("{\"person\": {\"givenName\": \"Amina\", \"familyName\": \"Hassan\"}}"));
        assertThat(r.removedFields()).containsExactly(
                "/data/address", "/data/careSituation", "/data/caseContext", "/data/clearances", "/data/hosts",
                "/data/person/birthDate", "/data/person/dufNumber", "/data/person/languages");
        assertNothingLostNothingLeaked(e, r, allow);
    }

    @Test
    void aPathCoversEverythingUnderIt() {
        ObjectNode e = event(false);
        List<String> allow = List.of("/data/address", "/data/person");
        Redaction r = redact(e, allow);
        assertThat(r.content().get("address")).isEqualTo(e.at("/data/address"));
        assertThat(r.content().get("person")).isEqualTo(e.at("/data/person"));
        assertNothingLostNothingLeaked(e, r, allow);
    }

    @Test
    void redactionRecursesIntoNestedObjects() {
        ObjectNode e = event(false);
        List<String> allow = List.of("/data/caseContext/representative/name");
        Redaction r = redact(e, allow);
        assertThat(r.content()).isEqualTo(json("{\"caseContext\": {\"representative\": {\"name\": \"Kari Nordmann\"}}}"));
        assertThat(r.removedFields()).contains(
                "/data/caseContext/consents", "/data/caseContext/healthNotes",
                "/data/caseContext/representative/email", "/data/caseContext/representative/phone");
        assertThat(r.content().toString()).doesNotContain("kari@example.org", "+4791234567", "Asthma");
        assertNothingLostNothingLeaked(e, r, allow);
    }

    @Test
    void wildcardReachesEveryArrayElementAndRemovedFieldsNameConcreteIndices() {
        ObjectNode e = event(false);
        List<String> allow = List.of("/data/hosts/*/name", "/data/person/languages/*");
        Redaction r = redact(e, allow);
        assertThat(r.content().get("hosts")).isEqualTo(json("[{\"name\": \"Host One\"}, {\"name\": \"Host Two\"}]"));
        assertThat(r.content().at("/person/languages")).isEqualTo(json("[\"so\", \"ar\"]"));
        assertThat(r.removedFields()).contains("/data/hosts/0/birthDate", "/data/hosts/0/phone",
                "/data/hosts/1/birthDate", "/data/hosts/1/phone");
        assertNothingLostNothingLeaked(e, r, allow);
    }

    @Test
    void aConcreteIndexReachesOnlyThatElement() {
        ObjectNode e = event(false);
        List<String> allow = List.of("/data/hosts/0/name");
        Redaction r = redact(e, allow);
        assertThat(r.content().get("hosts")).isEqualTo(json("[{\"name\": \"Host One\"}]"));
        assertThat(r.removedFields()).contains("/data/hosts/0/birthDate", "/data/hosts/1");
        assertNothingLostNothingLeaked(e, r, allow);
    }

    @Test
    void wildcardNeverMatchesObjectMembers() {
        ObjectNode e = event(false);
        Redaction r = redact(e, List.of("/data/person/*"));
        assertThat(r.content().has("person")).isTrue();
        assertThat(r.content().get("person").size()).isZero();
        assertThat(r.removedFields()).contains("/data/person/givenName");
    }

    @Test
    void aPathBelowALeafDoesNotExposeTheLeaf() {
        ObjectNode e = event(false);
        List<String> allow = List.of("/data/careSituation/summary", "/data/person/languages/*/code");
        Redaction r = redact(e, allow);
        assertThat(r.content().has("careSituation")).isFalse();
        assertThat(r.content().at("/person/languages")).isEqualTo(json("[]"));
        assertThat(r.removedFields()).contains("/data/careSituation", "/data/person/languages/0", "/data/person/languages/1");
        assertNothingLostNothingLeaked(e, r, allow);
    }

    @Test
    void consentExtrasGoOutOnlyWithConsent() {
        Redactor redactor = new Redactor(List.of("/data/person/givenName"), List.of("/data/careSituation"), List.of());
        Redaction without = redactor.redact(event(false));
        Redaction with = redactor.redact(event(true));
        assertThat(without.content().has("careSituation")).isFalse();
        assertThat(without.removedFields()).contains("/data/careSituation");
        assertThat(with.content().get("careSituation").asText()).isEqualTo("Sleeps well.");
        assertThat(with.removedFields()).doesNotContain("/data/careSituation");
        assertNothingLostNothingLeaked(event(true), with, List.of("/data/person/givenName", "/data/careSituation"));
    }

    @Test
    void onlyTheBooleanTrueCountsAsConsent() {
        Redactor redactor = new Redactor(List.of(), List.of("/data/careSituation"), List.of());
        ObjectNode e = event(false);
        Fixtures.set(e, "/data/caseContext/consents/disclosureToOthers", "true");
        assertThat(redactor.redact(e).content().has("careSituation")).isFalse();
        Fixtures.remove(e, "/data/caseContext/consents");
        assertThat(redactor.redact(e).content().has("careSituation")).isFalse();
    }

    @Test
    void denyWinsOverAnAllowThatCoversIt() {
        ObjectNode e = event(true);
        Redactor redactor = new Redactor(List.of("/data/caseContext"), List.of("/data/caseContext/healthNotes"),
                List.of("/data/caseContext/healthNotes"));
        Redaction r = redactor.redact(e);
        assertThat(r.content().at("/caseContext/representative")).isEqualTo(e.at("/data/caseContext/representative"));
        assertThat(r.content().at("/caseContext").has("healthNotes")).isFalse();
        assertThat(r.removedFields()).containsExactly("/data/address", "/data/careSituation",
                "/data/caseContext/healthNotes", "/data/clearances", "/data/hosts", "/data/person");
    }

    @Test
    void allowingAllOfDataCopiesItAll() {
        ObjectNode e = event(false);
        Redaction r = redact(e, List.of("/data"));
        assertThat(r.content()).isEqualTo(e.get("data"));
        assertThat(r.removedFields()).isEmpty();
    }

    @Test
    void anEmptyAllowlistRemovesEveryTopLevelField() {
        ObjectNode e = event(false);
        Redaction r = redact(e, List.of());
        assertThat(r.content().size()).isZero();
        assertThat(r.removedFields()).containsExactly("/data/address", "/data/careSituation", "/data/caseContext",
                "/data/clearances", "/data/hosts", "/data/person");
    }

    @Test
    void pathsOutsideDataCannotReachTheContent() {
        ObjectNode e = event(false);
        Redaction r = redact(e, List.of("/time", "/type", ""));
        assertThat(r.content().size()).isZero();
    }

    @Test
    void theContentIsACopyNotAViewOfTheEvent() {
        ObjectNode e = event(false);
        Redaction r = redact(e, List.of("/data/person", "/data/hosts/*/name"));
        ((ObjectNode) r.content().get("person")).put("givenName", "changed");
        ((ObjectNode) r.content().at("/hosts/0")).put("name", "changed");
        assertThat(e.at("/data/person/givenName").asText()).isEqualTo("Amina");
        assertThat(e.at("/data/hosts/0/name").asText()).isEqualTo("Host One");
    }

    @Test
    void escapedMemberNamesAreMatchedAndReported() {
        JsonNode e = json("{\"data\": {\"a/b\": 1, \"c~d\": 2}}");
        Redaction r = redact(e, List.of("/data/a~1b"));
        assertThat(r.content()).isEqualTo(json("{\"a/b\": 1}"));
        assertThat(r.removedFields()).containsExactly("/data/c~0d");
    }

    @Test
    void anEventWithoutDataGivesAnEmptyContent() {
        Redaction r = redact(json("{\"type\": \"x\"}"), List.of("/data"));
        assertThat(r.content().size()).isZero();
        assertThat(r.removedFields()).isEmpty();
    }

    @Test
    void nullsAreValuesLikeAnyOther() {
        JsonNode e = json("{\"data\": {\"a\": null, \"b\": {\"c\": null}}}");
        Redaction r = redact(e, List.of("/data/a", "/data/b/c/d"));
        assertThat(r.content()).isEqualTo(json("{\"a\": null, \"b\": {}}"));
        assertThat(r.removedFields()).containsExactly("/data/b/c");
    }
}

package no.budstikke.delivery.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.budstikke.delivery.Delivery;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.dispatch.Fixtures;
import no.budstikke.dispatch.config.HubConfigLoader;
import no.budstikke.intake.EventKey;
import no.budstikke.model.CaseState;
import no.budstikke.model.Channel;
import no.budstikke.model.HubConfig;
import no.budstikke.model.Notice;
import no.budstikke.model.NoticeDocument;
import no.budstikke.model.NoticeId;
import no.budstikke.model.Rule;

/**
 * Notices as the hub makes them: the shipped config decides the test events, and each notice is
 * written as a notice-v1 document, redacted by the real disclosure policies.
 */
final class TestNotices {

    static final Path CONFIG = Path.of("config");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T20:16:00Z"), ZoneOffset.UTC);
    static final HubConfig HUB = HubConfigLoader.load(CONFIG);
    private static final Dispatcher DISPATCHER = new Dispatcher(HUB);
    /** An active AMOT agreement in Hamar, and an open disappearance that UDI, the Oslo police and child welfare were told of. */
    private static final CaseState AMOT_ACTIVE = new CaseState(
            Map.of("activeAmotAgreement", true, "amotMunicipality", "3403", "openEpisode", true),
            HUB.directory().offices().stream().filter(o -> java.util.Set.of("udi-region-ost", "police-oslo", "barnevern-oslo")
                    .contains(o.id())).toList());

    private TestNotices() {
    }

    static Set<String> kinds() {
        Set<String> kinds = new TreeSet<>();
        for (Rule r : HUB.rules()) kinds.add(r.kind());
        return kinds;
    }

    static MailComposer composer() {
        return new MailComposer(MailTemplates.load(CONFIG, kinds()), "Budstikke <budstikke@hub.example>", CLOCK);
    }

    /** Every notice the shipped rules make of the test events, as deliveries. */
    static List<Delivery> all() {
        List<Delivery> out = new ArrayList<>();
        List<ObjectNode> events = new ArrayList<>();
        Fixtures.allEventResources().forEach(r -> events.add(Fixtures.resource(r)));
        events.addAll(variants());
        for (ObjectNode event : events) {
            for (Notice n : DISPATCHER.decide(event, AMOT_ACTIVE).notices()) out.add(delivery(event, n));
        }
        return out;
    }

    /** The valid events changed so that the rules with conditions fire too. */
    private static List<ObjectNode> variants() {
        ObjectNode centre = JSON.createObjectNode().put("id", "C-0301-01").put("name", "Testmottak")
                .put("municipalityNumber", "0301").put("kind", "minors");
        ObjectNode representative = JSON.createObjectNode().put("name", "Rita Representant").put("email", "rita@example.org");
        return List.of(
                Fixtures.set(Fixtures.valid("no.udi.duf.case.decided.v1"), "/data/decision", "residence_permit_settlement"),
                Fixtures.set(Fixtures.set(Fixtures.valid("no.udi.duf.amot.application-registered.v1"),
                        "/data/groundedOnFamily", true), "/data/centre", centre),
                Fixtures.set(Fixtures.set(Fixtures.set(Fixtures.valid("no.udi.mot.leave.decided.v1"), "/data/decision", "granted"),
                        "/data/returnBy", "2026-12-27T18:00:00+01:00"), "/data/caseContext", JSON.createObjectNode().set("representative", representative)),
                Fixtures.set(Fixtures.valid("no.udi.mot.mapping.updated.v1"), "/data/caseContext/awaitingSettlement", true),
                Fixtures.set(Fixtures.valid("no.udi.mot.resident.relocation-planned.v1"), "/data/caseContext/childWelfareCaseOpen", true),
                Fixtures.set(Fixtures.valid("no.udi.mot.resident.turning-18.v1"), "/data/caseContext/childWelfareCaseOpen", true),
                Fixtures.set(Fixtures.valid("no.udi.mot.resident.return-planned.v1"), "/data/followUpNeeds", "Needs an escort."),
                Fixtures.set(Fixtures.set(Fixtures.set(Fixtures.valid("no.udi.mot.resident.returned.v1"),
                        "/data/asylumRelevantInfo", "Says he was taken to Sweden."), "/data/concernForNeglect", true),
                        "/data/caseContext/consents/disclosureToOthers", true));
    }

    /** The first notice of this duty decided from the example event of that name (shared/examples). */
    static Delivery of(String example, String duty) {
        ObjectNode event = Fixtures.example(example);
        return DISPATCHER.decide(event, AMOT_ACTIVE).notices().stream().filter(n -> n.duty().equals(duty)).findFirst()
                .map(n -> delivery(event, n)).orElseThrow(() -> new IllegalArgumentException("no " + duty + " from " + example));
    }

    static Delivery delivery(JsonNode event, Notice n) {
        String eventKey = EventKey.of(event.path("source").asText(), event.path("id").asText());
        String id = NoticeId.of(eventKey, n.duty(), n.recipient().id(), n.copy());
        ObjectNode d = new NoticeDocument("Budstikke testmottak")
                .build(id, eventKey, event, n, java.time.OffsetDateTime.ofInstant(CLOCK.instant(), java.time.ZoneOffset.UTC));
        // Offices on other channels get a made-up mailbox: every kind may be mailed to some office.
        String address = n.recipient().channel() == Channel.MAIL ? n.recipient().address()
                : n.recipient().id().replace(':', '-') + "@offices.example";
        return new Delivery(id, n.duty(), n.kind(), n.priority(), n.recipient().id(), n.recipient().name(),
                Channel.MAIL, address, 1, pretty(d));
    }

    static Delivery withAddress(Delivery d, String address) {
        return new Delivery(d.noticeId(), d.duty(), d.kind(), d.priority(), d.officeId(), d.officeName(), d.channel(),
                address, d.attempt(), d.document());
    }

    static Delivery withDocument(Delivery d, String document) {
        return new Delivery(d.noticeId(), d.duty(), d.kind(), d.priority(), d.officeId(), d.officeName(), d.channel(),
                d.address(), d.attempt(), document);
    }

    /** Pretty-printed, with line feeds and non-ASCII letters: the attachment must survive both as they are. */
    static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every text value in the content, for checking that none of them reaches the subject. */
    static List<String> contentTexts(Delivery d) {
        List<String> out = new ArrayList<>();
        collect(read(d).path("content"), out);
        return out;
    }

    static JsonNode read(Delivery d) {
        try {
            return JSON.readTree(d.document());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isContainerNode()) node.forEach(child -> collect(child, out));
        else if (node.isTextual() || node.isNumber()) out.add(node.asText());
    }
}

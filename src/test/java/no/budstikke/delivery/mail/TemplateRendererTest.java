package no.budstikke.delivery.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import no.budstikke.delivery.Delivery;
import no.budstikke.dispatch.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRendererTest {

    @TempDir
    Path config;

    final TemplateRenderer renderer = new TemplateRenderer();

    @Test
    void rendersFieldsAndFixedNamesInNorwegian() throws IOException {
        MailTemplate t = template("""
                Subject: Test

                Til: {{recipient.name}}
                Navn: {{/person/givenName}} {{/person/familyName}}, født {{/person/birthDate}}
                Savnet siden: {{/missingSince}}
                Enslig mindreårig: {{/person/unaccompaniedMinor}}
                Status: {{/caseContext/asylumStage}}
                Prioritet: {{priority}}, plikt {{duty}}, ref {{ref}}
                Grunnlag: {{legalBasis}}
                Vedlegg: {{attachment}}
                """);

        String body = renderer.render(t, document(content()));

        assertThat(body).isEqualTo("""
                Til: Barneverntjenesten i Oslo kommune
                Navn: Amina Hassan, født 14.03.2010
                Savnet siden: 20.11.2026 kl. 16:00
                Enslig mindreårig: ja
                Status: venter på asylintervju
                Prioritet: haster, plikt O22, ref 0123abcd
                Grunnlag: barnevernloven § 6-4
                Vedlegg: notice-0123abcd0123abcd0123abcd0123abcd.json
                """);
    }

    @Test
    void anAbsentFieldIsNotGiven() throws IOException {
        MailTemplate t = template("""
                Subject: Test

                Signalement: {{/description}}
                Helse: {{/caseContext/healthNotes}}
                {{legalBasis}} {{duty}} {{attachment}}
                """);

        String body = renderer.render(t, document(content()));

        assertThat(body).startsWith("Signalement: (ikke oppgitt)\nHelse: (ikke oppgitt)\n");
    }

    @Test
    void aFieldRemovedByThePolicyCannotAppearWhateverTheTemplateAsks() throws IOException {
        // The BARNEVERN policy for purpose 'missing' does not allow the physical description or health notes.
        Delivery o22 = TestNotices.of("missing", "O22");
        assertThat(Fixtures.example("missing").toString()).contains("blue winter jacket").contains("inhaler");
        MailTemplate greedy = template("""
                Subject: Test

                {{/description}} {{/caseContext/healthNotes}} {{/caseContext/lawyer}}
                {{legalBasis}} {{duty}} {{attachment}}
                """);

        String body = renderer.render(greedy, TestNotices.read(o22));

        assertThat(body).startsWith("(ikke oppgitt) (ikke oppgitt) (ikke oppgitt)\n")
                .doesNotContain("jacket").doesNotContain("inhaler").doesNotContain("Hansen");
    }

    @Test
    void conditionsListsAndCopies() throws IOException {
        MailTemplate t = template("""
                Subject: Test

                {{#if copy}}
                Kopi.
                {{/if}}
                {{#if /knownWhereabouts}}
                Oppholdssted kjent.
                {{else}}
                Oppholdssted ukjent.
                {{/if}}
                Språk: {{#each /person/languages}}[{{.}}]{{/each}}
                {{#each /caseContext/appointments}}
                - {{./kind}} {{./at}}
                {{/each}}
                {{#if flags}}
                {{flags}}
                {{/if}}
                {{legalBasis}} {{duty}} {{attachment}}
                """);
        ObjectNode doc = document(content());
        doc.put("copy", true);
        doc.putArray("flags").add("LEAVE_ABROAD").add("SOMETHING_NEW");

        String body = renderer.render(t, doc);

        assertThat(body).startsWith("""
                Kopi.
                Oppholdssted ukjent.
                Språk: [so][ar]
                - asylintervju 24.11.2026 kl. 09:00
                - Søknaden gjelder permisjon til utlandet. Slik permisjon gis ikke. (LEAVE_ABROAD)
                - SOMETHING_NEW (SOMETHING_NEW)
                """);
    }

    @Test
    void theConcernReportOnAMoveWithoutClearancesSaysPlainlyTheChildIsAnUnaccompaniedMinor() {
        Delivery o12 = TestNotices.of("moved-without-clearance", "O12");
        MailTemplate t = MailTemplates.load(TestNotices.CONFIG, Set.of(o12.kind())).forKind(o12.kind());

        String body = renderer.render(t, TestNotices.read(o12));

        assertThat(body).contains("enslig mindreårig asylsøker")
                .contains("Farid Ahmadi")
                .contains("Storgata 12, 2317 Hamar")
                .contains("Reza Ahmadi, født 05.05.1984")
                .contains("Barnevernet har funnet hjemmet egnet: nei")
                .contains("barnevernloven § 6-4; utlendingsforskriften § 17-6")
                .contains("Varslingsplikt: O12")
                .contains("Vedlegg: notice-" + o12.noticeId() + ".json")
                .contains("Vedlegget er det gjeldende varselet")
                .doesNotContain("BUP"); // health notes: never outside a health office
    }

    @Test
    void aPointerAloneOnItsLineKeepsTheLine() throws IOException {
        MailTemplate t = template("Subject: T\n\n{{/missingSince}}\n{{/person/givenName}}\n{{legalBasis}} {{duty}} {{attachment}}\n");

        assertThat(renderer.render(t, document(content()))).startsWith("20.11.2026 kl. 16:00\nAmina\n");
    }

    @Test
    void controlCharactersInValuesAreBlanked() throws IOException {
        MailTemplate t = template("Subject: T\n\n{{/lastSeen}}\n{{legalBasis}} {{duty}} {{attachment}}\n");
        ObjectNode content = content();
        content.put("lastSeen", "Storo\u0000 bus\r\nstop\u001b[31m");

        assertThat(renderer.render(t, document(content))).startsWith("Storo  bus stop [31m\n");
    }

    @Test
    void aValueCannotForgeALineOrTurnTheReadingDirection() throws IOException {
        MailTemplate t = template("Subject: T\n\nNavn: {{/person/givenName}}\nRettslig grunnlag: {{legalBasis}}\n{{duty}} {{attachment}}\n");
        ObjectNode content = content();
        for (String forged : new String[] {"Amina\nRettslig grunnlag: falsk", "Amina\rRettslig grunnlag: falsk",
                "Amina\u2028Rettslig grunnlag: falsk", "Amina\u2029Rettslig grunnlag: falsk", "Amina\u0085Rettslig grunnlag: falsk",
                "Amina\u000bRettslig grunnlag: falsk", "Amina\u000cRettslig grunnlag: falsk"}) {
            ((ObjectNode) content.path("person")).put("givenName", forged);
            String body = renderer.render(t, document(content));
            assertThat(body.lines().filter(l -> l.startsWith("Rettslig grunnlag:"))).as(forged).hasSize(1);
            assertThat(body).as(forged).startsWith("Navn: Amina Rettslig grunnlag: falsk\n");
        }
        // right-to-left overrides and isolates, marks, zero-width characters and the BOM are removed
        ((ObjectNode) content.path("person")).put("givenName", "A\u202emina\u202c\u2066x\u2069\u200e\u200f\u200b\u200c\u200d\ufeff\u061c\u0080\u009f!");
        String body = renderer.render(t, document(content));
        assertThat(body).startsWith("Navn: Aminax  !\n");
        assertThat(body.codePoints().filter(c -> Character.getType(c) == Character.FORMAT || Character.isISOControl(c) && c != '\n'))
                .isEmpty();
    }

    private MailTemplate template(String text) throws IOException {
        Files.createDirectories(config.resolve("templates"));
        Files.writeString(config.resolve("templates/test-kind.txt"), text, StandardCharsets.UTF_8);
        return MailTemplates.load(config, Set.of("test-kind")).forKind("test-kind");
    }

    private static ObjectNode content() {
        ObjectNode c = TestNotices.JSON.createObjectNode();
        c.putObject("person").put("givenName", "Amina").put("familyName", "Hassan").put("birthDate", "2010-03-14")
                .put("unaccompaniedMinor", true).putArray("languages").add("so").add("ar");
        ObjectNode cc = c.putObject("caseContext").put("asylumStage", "awaiting_interview");
        cc.putArray("appointments").addObject().put("kind", "asylum_interview").put("at", "2026-11-24T09:00:00+01:00");
        c.put("missingSince", "2026-11-20T16:00:00+01:00");
        return c;
    }

    private static ObjectNode document(ObjectNode content) {
        ObjectNode d = TestNotices.JSON.createObjectNode();
        d.put("noticeId", "0123abcd0123abcd0123abcd0123abcd");
        d.put("duty", "O22");
        d.put("copy", false);
        d.put("kind", "concern-report");
        d.put("priority", "URGENT");
        d.put("legalBasis", "barnevernloven § 6-4");
        d.put("createdAt", "2026-11-20T20:16:00Z");
        d.putObject("sender").put("system", "budstikke").put("organisation", "Testmottak");
        d.putObject("recipient").put("officeId", "barnevern-oslo").put("role", "BARNEVERN").put("name", "Barneverntjenesten i Oslo kommune");
        d.putArray("flags");
        d.set("content", content);
        return d;
    }
}

package no.budstikke.delivery.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import no.budstikke.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailTemplatesTest {

    static final String FOOTER = "Plikt {{duty}}, grunnlag {{legalBasis}}, vedlegg {{attachment}}.\n";

    @TempDir
    Path config;

    @Test
    void everyKindInTheRoutingRulesHasATemplate() {
        Set<String> kinds = TestNotices.kinds();
        assertThat(kinds).hasSizeGreaterThan(25);

        MailTemplates templates = MailTemplates.load(TestNotices.CONFIG, kinds);

        assertThat(templates.kinds()).containsExactlyInAnyOrderElementsOf(kinds);
        kinds.forEach(k -> assertThat(templates.forKind(k).subjectTitle()).isNotBlank().doesNotContain("{{"));
    }

    @Test
    void startupNamesEveryKindWithoutATemplate() throws IOException {
        write("arrival-notice", "Subject: Ankomst\n\n" + FOOTER);

        assertThatThrownBy(() -> MailTemplates.load(config, Set.of("arrival-notice", "concern-report", "phone-call")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("2 problems")
                .hasMessageContaining(config.resolve("templates/concern-report.txt") + ": missing")
                .hasMessageContaining("notice kind 'concern-report'")
                .hasMessageContaining("notice kind 'phone-call'");
    }

    @Test
    void unknownPlaceholdersAreNamedWithFileAndLine() throws IOException {
        write("arrival-notice", """
                Subject: Ankomst

                Navn: {{/person/givenname}}
                Mottak: {{/centre/name}}
                Til: {{recipient.nmae}}
                """ + FOOTER);
        Path file = config.resolve("templates/arrival-notice.txt");

        assertThatThrownBy(() -> MailTemplates.load(config, Set.of("arrival-notice")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":3: unknown placeholder {{/person/givenname}}")
                .hasMessageContaining("did you mean /person/givenName?")
                .hasMessageContaining(file + ":5: unknown placeholder {{recipient.nmae}}")
                .hasMessageNotContaining(":4:");
    }

    @Test
    void aSubjectMayHoldNoPlaceholder() throws IOException {
        write("arrival-notice", "Subject: Ankomst for {{/person/familyName}}\n\n" + FOOTER);

        assertThatThrownBy(() -> MailTemplates.load(config, Set.of("arrival-notice")))
                .hasMessageContaining("arrival-notice.txt:1: the subject has a placeholder");
    }

    @Test
    void aTemplateMustStateTheLegalBasisTheDutyAndTheAttachment() throws IOException {
        write("arrival-notice", "Subject: Ankomst\n\nNavn: {{/person/givenName}}\n");

        assertThatThrownBy(() -> MailTemplates.load(config, Set.of("arrival-notice")))
                .hasMessageContaining("does not use {{legalBasis}}")
                .hasMessageContaining("does not use {{duty}}")
                .hasMessageContaining("does not use {{attachment}}");
    }

    @Test
    void blocksMustBeClosedAndListsMustBePointers() throws IOException {
        write("arrival-notice", """
                Subject: Ankomst

                {{#if /hosts}}
                {{#each flags}}
                {{/each}}
                {{./name}}
                """ + FOOTER);

        assertThatThrownBy(() -> MailTemplates.load(config, Set.of("arrival-notice")))
                .hasMessageContaining("arrival-notice.txt:4: {{#each flags}} does not name a list")
                .hasMessageContaining("arrival-notice.txt:6: {{./name}} outside an {{#each}}")
                .hasMessageContaining("arrival-notice.txt:3: {{#if /hosts}} is never closed");
    }

    @Test
    void aPointerInsideAListIsCheckedAgainstTheListsElements() throws IOException {
        write("arrival-notice", """
                Subject: Ankomst

                {{#each /hosts}}
                - {{./name}} {{./phone}} {{./shoeSize}}
                {{/each}}
                """ + FOOTER);

        assertThatThrownBy(() -> MailTemplates.load(config, Set.of("arrival-notice")))
                .hasMessageContaining("arrival-notice.txt:4: unknown placeholder {{./shoeSize}}: /hosts/*/shoeSize")
                .hasMessageNotContaining("./name")
                .hasMessageNotContaining("./phone");
    }

    private void write(String kind, String text) throws IOException {
        Files.createDirectories(config.resolve("templates"));
        Files.writeString(config.resolve("templates/" + kind + ".txt"), text, StandardCharsets.UTF_8);
    }
}

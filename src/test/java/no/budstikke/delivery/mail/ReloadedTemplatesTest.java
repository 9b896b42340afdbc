package no.budstikke.delivery.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a config reload, a kind the new rules no longer make keeps the template it had. */
class ReloadedTemplatesTest {

    @TempDir
    Path dir;

    @Test
    void theNewTemplatesWinAndAKindTheyLackKeepsItsOlderTemplate() throws Exception {
        MailTemplates older = MailTemplates.load(TestNotices.CONFIG, Set.of("arrival-notice", "school-enrolment"));
        Path templates = dir.resolve(MailTemplates.FOLDER);
        Files.createDirectories(templates);
        Files.writeString(templates.resolve("arrival-notice.txt"), "Subject: Ny ankomst\n\nEn ny beboer ({{duty}}, {{legalBasis}}), se {{attachment}}.\n");
        MailTemplates newer = MailTemplates.load(dir, Set.of("arrival-notice"));

        MailTemplates running = newer.keeping(older);

        assertThat(running.kinds()).containsExactlyInAnyOrder("arrival-notice", "school-enrolment");
        assertThat(running.forKind("arrival-notice")).isSameAs(newer.forKind("arrival-notice"));
        assertThat(running.forKind("school-enrolment")).isSameAs(older.forKind("school-enrolment"));
    }
}

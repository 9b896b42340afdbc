package no.budstikke.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {

    @Test
    void aStartUpProblemLineIsTakenApartIntoFileLinePointerMessageAndExpectation() {
        List<ConfigProblem> problems = ConfigProblem.of("""
                invalid dispatch configuration, 2 problems:
                routing-rules.yaml:77 at /rules/2/recipients/0/role: unknown role 'SKOLE'; expected one of BARNEVERN, SCHOOL
                directory.yaml at /: the file does not exist; expected the offices and the reference data""");

        assertThat(problems).containsExactly(
                new ConfigProblem("routing-rules.yaml", 77, "/rules/2/recipients/0/role", "unknown role 'SKOLE'",
                        "one of BARNEVERN, SCHOOL"),
                new ConfigProblem("directory.yaml", 0, "/", "the file does not exist", "the offices and the reference data"));
    }

    @Test
    void aProblemInAnotherFormKeepsAllItsTextAsTheMessage() {
        assertThat(ConfigProblem.of("setting 'budstikke.mail.from' must be one e-mail address, got 'x'"))
                .containsExactly(new ConfigProblem(null, 0, null, "setting 'budstikke.mail.from' must be one e-mail address, got 'x'", null));
    }

    @Test
    void aTemplateProblemHasItsFileRelativeToTheConfigFolderAndNoPointer() {
        Path config = Path.of("/etc/budstikke/config");
        assertThat(ConfigProblem.of("invalid mail templates in /etc/budstikke/config/templates, 1 problem:\n"
                + "/etc/budstikke/config/templates/arrival-notice.txt:4: unknown field {{/x}}; expected a field of the contract", config))
                .containsExactly(new ConfigProblem("templates/arrival-notice.txt", 4, null, "unknown field {{/x}}",
                        "a field of the contract"));
    }

    @Test
    void theLastExpectedSeparatesTheExpectation() {
        assertThat(ConfigProblem.parse("t.yaml:3 at /a: x; expected y; expected z"))
                .isEqualTo(new ConfigProblem("t.yaml", 3, "/a", "x; expected y", "z"));
    }
}

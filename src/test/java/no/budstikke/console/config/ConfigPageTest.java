package no.budstikke.console.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import no.budstikke.console.ConsoleHtml;
import no.budstikke.console.auth.Person;
import no.budstikke.console.auth.Role;
import no.budstikke.console.auth.Viewer;
import no.budstikke.contract.ContractValidator;
import no.budstikke.dispatch.Dispatcher;
import no.budstikke.explain.Explain;
import no.budstikke.http.HttpAnswer;
import no.budstikke.model.CaseState;
import no.budstikke.model.HubConfig;
import no.budstikke.startup.ConfigFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Oppsett with the repository's own config folder, explaining through the explain command's code path. */
class ConfigPageTest {

    private static final Viewer OPS = new Viewer(new Person("ola", Set.of(Role.OPS)), "t".repeat(43));
    private static ConfigPage page;

    @BeforeAll
    static void load() {
        HubConfig config = ConfigFolder.check(Path.of("config")).dispatch();
        Dispatcher dispatcher = new Dispatcher(config);
        ContractValidator validator = ContractValidator.fromClasspath();
        page = new ConfigPage(new LoadedConfig() {
            @Override
            public Running running() {
                return new Running("abc123", Instant.parse("2026-12-06T06:00:00Z"), config);
            }

            @Override
            public Explanation explain(byte[] event) {
                Explain.Explained e = Explain.explain(event, dispatcher, CaseState.UNKNOWN, validator);
                return new Explanation(e.notJson(), e.broken(), e.decided().stream().map(Explain.Decided::decision).toList());
            }
        }, new ConsoleHtml());
    }

    @Test
    void theRunningConfigIsShownWithItsVersion() {
        String html = body(page.show(OPS));
        assertThat(html).contains("<code>abc123</code>", "lastet 06.12.2026 07:00", "police-oslo", "O21", "POLICE_DISTRICT");
    }

    @Test
    void aMissingChildIsExplainedAsAnUrgentNoticeToThePoliceWithoutTheHealthNotes() throws Exception {
        String missing = Files.readString(Path.of("examples/events/missing.json"));
        HttpAnswer answer = page.explain(OPS, Map.of("hendelse", missing));
        assertThat(answer.status()).isEqualTo(200);
        String html = body(answer);
        assertThat(html).contains("ville blitt sendt", "police-oslo", "forvaltningsloven § 13 b nr. 5", "URGENT",
                "/data/caseContext/healthNotes");
        // Below the pasted text: the police notice keeps the description; no notice's content holds the health notes.
        String notices = html.substring(html.indexOf("id=\"forklaring\""));
        assertThat(notices).contains("About 160 cm").doesNotContain("Asthma");
    }

    @Test
    void invalidJsonAContractRefusalAndAnOversizedEventAreNamedInNorwegian() {
        assertThat(page.explain(OPS, Map.of("hendelse", "{\"id\": ")).status()).isEqualTo(400);
        assertThat(body(page.explain(OPS, Map.of("hendelse", "{\"id\": ")))).contains("Teksten er ikke en gyldig hendelse");
        assertThat(body(page.explain(OPS, Map.of("hendelse", "{\"specversion\": \"1.0\"}")))).contains("Kontrakten avviser hendelsen", "Ved /");
        String big = "{\"x\": \"" + "a".repeat(ConfigPage.MAX_EVENT_BYTES) + "\"}";
        assertThat(body(page.explain(OPS, Map.of("hendelse", big)))).contains("Hendelsen er for stor", "høyst 256 KiB");
        assertThat(body(page.explain(OPS, Map.of()))).contains("Feltet er tomt");
    }

    private static String body(HttpAnswer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}

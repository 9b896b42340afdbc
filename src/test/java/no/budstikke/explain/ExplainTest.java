package no.budstikke.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainTest {

    private static final String MISSING = "examples/events/missing.json";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int explain(String... args) {
        return Explain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void showsEachNoticeWithPriorityOfficeLegalBasisContentAndRemovedFields() {
        assertThat(explain(MISSING)).isEqualTo(Explain.OK);
        assertThat(out())
                .contains("[URGENT] O21", "police-oslo", "legal basis:", "removed:", "/data/caseContext/healthNotes")
                .contains("\"missingSince\"")
                .doesNotContain("Asthma");
        assertThat(err()).isEmpty();
    }

    @Test
    void jsonOutputIsOneDocumentForScripts() throws IOException {
        assertThat(explain(MISSING, "--json")).isEqualTo(Explain.OK);
        JsonNode doc = new ObjectMapper().readTree(out());
        assertThat(doc.path("event").path("type").asText()).isEqualTo("no.udi.mot.resident.missing.v1");
        List<String> duties = new ArrayList<>();
        doc.path("notices").forEach(n -> duties.add(n.path("duty").asText()));
        assertThat(duties).contains("O20", "O21", "O22", "O24");
        doc.path("notices").forEach(n -> {
            assertThat(n.path("legalBasis").asText()).isNotBlank();
            assertThat(n.path("removedFields").isArray()).isTrue();
        });
    }

    @Test
    void caseFactsCanBeGivenOnTheCommandLine() throws IOException {
        Path decided = dir.resolve("permit.json");
        JsonNode event = new ObjectMapper().readTree(Path.of("examples/events/case-decided-final-rejection.json").toFile());
        Files.writeString(decided, event.toString());
        assertThat(explain(decided.toString(), "--json")).isEqualTo(Explain.OK);
        assertThat(out()).doesNotContain("\"O38\"");
        out.reset();
        assertThat(explain(decided.toString(), "--json", "--case", "activeAmotAgreement=true", "--case", "amotMunicipality=3403"))
                .isEqualTo(Explain.OK);
        assertThat(out()).contains("\"O38\"", "municipality-hamar");
    }

    @Test
    void anInvalidEventExitsNonZeroWithThePointer() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(Path.of(MISSING)).replace("201912345678", "12345"));
        assertThat(explain(bad.toString())).isEqualTo(Explain.INVALID_EVENT);
        assertThat(err()).contains("/data/person/dufNumber").doesNotContain("12345\"");
        assertThat(out()).isEmpty();
    }

    @Test
    void unreadableJsonExitsNonZero() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ not json");
        assertThat(explain(bad.toString())).isEqualTo(Explain.INVALID_EVENT);
        assertThat(err()).contains("not valid JSON");
    }

    @Test
    void anInvalidConfigExitsNonZeroNamingTheFile() throws IOException {
        Path config = copyOfShippedConfig();
        Files.writeString(config.resolve("disclosure-policies.yaml"), "policies: [");
        assertThat(explain(MISSING, "--config", config.toString())).isEqualTo(Explain.INVALID_CONFIG_OR_USAGE);
        assertThat(err()).contains("disclosure-policies.yaml");
    }

    @Test
    void explainChecksEveryFileAsAStartDoesSettingsAndTemplatesToo() throws IOException {
        Path config = copyOfShippedConfig();
        Path properties = config.resolve("application.properties");
        Files.writeString(properties, Files.readString(properties) + "budstikke.delivery.sandbx = false\n");
        Files.writeString(config.resolve("deadlines.yaml"), "deadlines: [");
        assertThat(explain(MISSING, "--config", config.toString())).isEqualTo(Explain.INVALID_CONFIG_OR_USAGE);
        assertThat(err()).startsWith("explain: the configuration is invalid")
                .contains("budstikke.delivery.sandbx", "did you mean 'budstikke.delivery.sandbox'", "deadlines.yaml");
    }

    private Path copyOfShippedConfig() throws IOException {
        Path config = dir.resolve("config");
        try (java.util.stream.Stream<Path> files = Files.walk(Path.of("config"))) {
            for (Path from : files.toList()) {
                Path to = config.resolve(Path.of("config").relativize(from).toString());
                if (Files.isDirectory(from)) Files.createDirectories(to);
                else Files.copy(from, to);
            }
        }
        return config;
    }

    @Test
    void usageErrorsExitNonZero() {
        assertThat(explain()).isEqualTo(Explain.INVALID_CONFIG_OR_USAGE);
        assertThat(explain(MISSING, "--bogus")).isEqualTo(Explain.INVALID_CONFIG_OR_USAGE);
        assertThat(err()).contains("usage: explain");
    }
}

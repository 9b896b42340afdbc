package no.budstikke.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static no.budstikke.contract.TestEvents.JSON;
import static no.budstikke.contract.TestEvents.VALIDATOR;
import static no.budstikke.contract.TestEvents.example;
import static no.budstikke.contract.TestEvents.resource;
import static no.budstikke.contract.TestEvents.setText;
import static org.assertj.core.api.Assertions.assertThat;

class ContractSchemasTest {

    private static final String DATA_SUFFIX = ".schema.json";

    @Test
    void everySchemaFileLoadsAndResolvesItsReferences() throws Exception {
        for (String file : schemaFiles()) {
            assertThat(VALIDATOR.load(file)).as(file).isNotNull();
        }
        assertThat(schemaFiles()).contains("envelope.schema.json", "common.schema.json", "event.schema.json",
                "batch.schema.json");
    }

    @Test
    void everySchemaIsDraft202012WithAnIdMatchingItsPath() throws Exception {
        for (String file : schemaFiles()) {
            JsonNode schema = resource("schemas/events/" + file);
            assertThat(schema.path("$schema").asText()).as(file).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).as(file).isEqualTo(ContractValidator.SCHEMA_BASE + file);
        }
    }

    @Test
    void dataSchemaFilesAndKnownTypesMatchOneToOne() throws Exception {
        Set<String> fromFiles = new HashSet<>();
        for (String file : schemaFiles()) {
            if (file.startsWith("data/")) {
                fromFiles.add(file.substring("data/".length(), file.length() - DATA_SUFFIX.length()));
            }
        }
        assertThat(fromFiles).isEqualTo(VALIDATOR.knownTypes());
    }

    @Test
    void eventSchemaSelectsTheDataSchemaOfEveryKnownTypeAndNoOther() {
        Set<String> selected = new HashSet<>();
        for (JsonNode branch : resource("schemas/events/event.schema.json").path("allOf")) {
            String type = branch.at("/if/properties/type/const").asText();
            assertThat(branch.at("/then/properties/data/$ref").asText()).isEqualTo("data/" + type + DATA_SUFFIX);
            selected.add(type);
        }
        assertThat(selected).isEqualTo(VALIDATOR.knownTypes());
    }

    @Test
    void everyPatternHasWordingOfItsOwn() throws Exception {
        for (String file : schemaFiles()) {
            for (String regex : patterns(resource("schemas/events/" + file))) {
                assertThat(ViolationMessages.patternMessage(regex)).as(file + " " + regex)
                        .doesNotStartWith("must match the pattern");
            }
        }
    }

    @Test
    void batchOfValidEventsIsAccepted() {
        ArrayNode batch = JSON.createArrayNode();
        TestEvents.EXAMPLES.forEach(name -> batch.add(example(name)));
        assertThat(VALIDATOR.validateAgainst("batch.schema.json", batch)).isEmpty();
    }

    @Test
    void emptyBatchIsRejected() {
        assertThat(VALIDATOR.validateAgainst("batch.schema.json", JSON.createArrayNode()))
                .containsExactly(new Violation("", "must have at least 1 item"));
    }

    @Test
    void batchThatIsNotAnArrayIsRejected() {
        assertThat(VALIDATOR.validateAgainst("batch.schema.json", example("missing")))
                .containsExactly(new Violation("", "must be an array"));
    }

    @Test
    void badEventInABatchIsPointedAtByIndex() {
        ArrayNode batch = JSON.createArrayNode();
        batch.add(example("arrived"));
        batch.add(setText(example("missing"), "/data/person/dufNumber", "123"));
        assertThat(VALIDATOR.validateAgainst("batch.schema.json", batch))
                .containsExactly(new Violation("/1/data/person/dufNumber", "must be 12 digits"));
    }

    /** Paths of all schema files relative to schemas/events/, e.g. "data/no.udi.duf.case.decided.v1.schema.json". */
    private static List<String> schemaFiles() throws IOException, URISyntaxException {
        Path root = Path.of(ContractSchemasTest.class.getClassLoader().getResource("schemas/events").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    /** The patterns whose failure can be reported: those in "if" conditions are tests, never errors. */
    private static List<String> patterns(JsonNode node) {
        List<String> found = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("pattern") && e.getValue().isTextual()) {
                    found.add(e.getValue().asText());
                } else if (!e.getKey().equals("if")) {
                    found.addAll(patterns(e.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> found.addAll(patterns(child)));
        }
        return found;
    }
}

package no.budstikke.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The config schemas describe every property, because the description is what an error message
 * tells ops to write ("expected …").
 */
class ConfigSchemasTest {

    @ParameterizedTest
    @ValueSource(strings = {"directory.schema.json", "routing-rules.schema.json", "disclosure-policies.schema.json"})
    void everyPropertyIsDescribed(String file) throws IOException {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/config/" + file)) {
            assertThat(in).as(file).isNotNull();
            schema = new ObjectMapper().readTree(in);
        }
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(ConfigSchemas.SCHEMA_BASE + file);
        List<String> undescribed = new ArrayList<>();
        collect(schema, schema, "", undescribed);
        assertThat(undescribed).as("properties without a description in " + file).isEmpty();
    }

    private static void collect(JsonNode root, JsonNode node, String at, List<String> undescribed) {
        if (node.isObject()) {
            node.path("properties").fields().forEachRemaining(e -> {
                JsonNode p = e.getValue();
                JsonNode target = p.has("$ref") ? root.at(p.get("$ref").asText().substring(1)) : p;
                if (!p.has("description") && !target.has("description")) undescribed.add(at + "/properties/" + e.getKey());
            });
            node.fields().forEachRemaining(e -> {
                // an 'if' only selects a branch; it never produces an error message of its own
                if (!e.getKey().equals("if")) collect(root, e.getValue(), at + "/" + e.getKey(), undescribed);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collect(root, node.get(i), at + "/" + i, undescribed);
        }
    }
}

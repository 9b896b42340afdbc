package no.budstikke.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** JSON helpers for tests that talk to the hub: answers as trees, and example events made fresh. */
public final class TestJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestJson() {
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    public static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] exampleBytes(String name) {
        try {
            return Files.readAllBytes(Path.of("examples/events/" + name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An example with an id of its own, so that it is stored rather than recognised as a repeat. */
    public static ObjectNode freshNode(String name) {
        ObjectNode event = (ObjectNode) tree(exampleBytes(name));
        event.put("id", "it-" + UUID.randomUUID());
        return event;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package no.budstikke.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** A complete HTTP response, built in plain Java and written out by the route. */
public record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final ObjectMapper JSON = new ObjectMapper();

    public static HttpAnswer json(int status, Object body) {
        return withType(status, "application/json", body);
    }

    static HttpAnswer withType(int status, String contentType, Object body) {
        try {
            return new HttpAnswer(status, contentType, JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answers are built from plain JSON nodes", e);
        }
    }

    public HttpAnswer withHeader(String name, String value) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpAnswer(status, contentType, body, Map.copyOf(h));
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}

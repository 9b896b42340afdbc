package no.budstikke.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.stream.Collectors;
import no.budstikke.dispatch.Dispatcher;

/**
 * Takes health data out of an ops answer. Ops answers carry the contract's blocks under other
 * roots (a case file's {@code caseContext}, a notice document's {@code content.caseContext}), so
 * a health field is removed by its member name wherever it sits, at any depth.
 */
final class HealthData {

    /** The member names of the contract's health fields: the last segment of each health path. */
    static final Set<String> MEMBERS = Dispatcher.HEALTH_PATHS.stream()
            .map(p -> p.substring(p.lastIndexOf('/') + 1)).collect(Collectors.toUnmodifiableSet());

    private HealthData() {
    }

    /** A copy of {@code node} without any health field. */
    static JsonNode without(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(MEMBERS);
            o.forEach(HealthData::strip);
        } else if (node instanceof ArrayNode a) {
            a.forEach(HealthData::strip);
        }
    }
}

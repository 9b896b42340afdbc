package no.budstikke.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * A case is named by its DUF number in a POST body, {@code {"dufNumber": "<12 digits>"}}, never in
 * a URL, where proxies and access logs would keep it.
 */
final class DufNumberBody {

    static final String EXPECTED = "send {\"dufNumber\": \"<12 digits>\"} as the JSON body";

    private DufNumberBody() {
    }

    static Optional<String> read(String body) {
        JsonNode request;
        try {
            request = body == null ? null : HttpAnswer.JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode duf = request == null ? null : request.get("dufNumber");
        return duf != null && duf.isTextual() && duf.asText().matches("[0-9]{12}") ? Optional.of(duf.asText()) : Optional.empty();
    }
}

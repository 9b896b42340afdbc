package no.budstikke.auth.maskinporten;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.budstikke.auth.SourcePatterns;
import no.budstikke.config.ConfigException;

/**
 * Reads {@code maskinporten.json}: which sources each consumer organisation may send with a token
 * carrying the hub's scope. Like api-keys.json, every mistake is reported at once with the file
 * and the JSON pointer of the entry.
 *
 * <pre>{"consumers": [{"name": "oslo-centres", "organisation": "974760673",
 *                    "sources": ["urn:no:udi:mot:centre:C-0301-*"]}]}</pre>
 */
public final class ConsumerFile {

    /** A file of a few hundred agencies is far below this; more is a mistake, not a config. */
    static final long MAX_BYTES = 1024 * 1024;

    private ConsumerFile() {
    }

    /** The consumers by organisation number. */
    public static Map<String, Consumer> load(Path file) {
        JsonNode root;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(file + ": not found; expected the Maskinporten consumers "
                        + "({\"consumers\": [...]}) since budstikke.maskinporten.issuer is set");
            }
            if (Files.size(file) > MAX_BYTES) throw new ConfigException(file + ": larger than 1 MB; expected {\"consumers\": [...]}");
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not readable JSON (" + e.getClass().getSimpleName() + "); expected {\"consumers\": [...]}");
        }
        JsonNode consumers = root == null ? null : root.get("consumers");
        if (consumers == null || !consumers.isArray()) {
            throw new ConfigException(file + " at /consumers: expected an array of {name, organisation, sources}");
        }
        List<String> errors = new ArrayList<>();
        Map<String, Consumer> byOrganisation = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < consumers.size(); i++) {
            String at = file + " at /consumers/" + i;
            JsonNode c = consumers.get(i);
            String name = c.path("name").asText("");
            String org = c.path("organisation").asText("");
            if (!name.matches("[A-Za-z0-9._-]{1,100}")) errors.add(at + "/name: expected 1-100 letters, digits, '.', '_' or '-'");
            else if (!names.add(name)) errors.add(at + "/name: '" + name + "' is used twice");
            if (!OrganisationNumber.isValid(org)) {
                errors.add(at + "/organisation: expected the consumer's 9-digit organisation number (with a valid check digit), "
                        + "as a string such as \"974760673\"");
            } else if (byOrganisation.containsKey(org)) {
                errors.add(at + "/organisation: the organisation is configured twice; expected one entry with all its sources");
            }
            List<String> sources = new ArrayList<>();
            JsonNode src = c.path("sources");
            if (!src.isArray() || src.isEmpty()) {
                errors.add(at + "/sources: expected a non-empty array of sources such as \"urn:no:udi:mot:centre:C-0301-01\"");
            } else {
                sources.addAll(SourcePatterns.read(src, at + "/sources", errors));
            }
            if (errors.isEmpty()) byOrganisation.put(org, new Consumer(name, org, sources));
        }
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return Map.copyOf(byOrganisation);
    }

    /** One agency: its organisation number and the sources its tokens may send. */
    public record Consumer(String name, String organisation, List<String> sources) {
        public Consumer {
            sources = List.copyOf(sources);
        }
    }
}

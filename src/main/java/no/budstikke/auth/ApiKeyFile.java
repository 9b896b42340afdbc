package no.budstikke.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.budstikke.config.ConfigException;

/**
 * Reads {@code api-keys.json}: one entry per upstream sender and ops caller. Every mistake is
 * reported with the file and the JSON pointer of the entry, all at once.
 */
public final class ApiKeyFile {

    private ApiKeyFile() {
    }

    public static ApiKeys load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not readable JSON (" + e.getClass().getSimpleName() + "); expected {\"keys\": [...]}");
        }
        List<String> errors = new ArrayList<>();
        List<ApiKeys.Entry> entries = new ArrayList<>();
        JsonNode keys = root == null ? null : root.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new ConfigException(file + " at /keys: expected an array of {name, sha256, sources, ops, roles}");
        }
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        Map<String, Set<String>> certificates = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String at = file + " at /keys/" + i;
            JsonNode k = keys.get(i);
            String name = k.path("name").asText("");
            String hash = k.path("sha256").asText("").toLowerCase(java.util.Locale.ROOT);
            if (!name.matches("[A-Za-z0-9._-]{1,100}")) errors.add(at + "/name: expected 1-100 letters, digits, '.', '_' or '-'");
            else if (!names.add(name)) errors.add(at + "/name: '" + name + "' is used twice");
            if (!hash.matches("[0-9a-f]{64}")) errors.add(at + "/sha256: expected the 64 hex digits of the key's SHA-256 (see 'new-api-key' in the README)");
            else if (!hashes.add(hash)) errors.add(at + "/sha256: the same key is configured twice");
            List<String> sources = new ArrayList<>();
            JsonNode src = k.path("sources");
            if (!src.isArray()) {
                errors.add(at + "/sources: expected an array of sources such as \"urn:no:udi:mot:centre:C-0301-01\" (may be empty)");
            } else {
                sources.addAll(SourcePatterns.read(src, at + "/sources", errors));
            }
            JsonNode ops = k.path("ops");
            if (!ops.isMissingNode() && !ops.isBoolean()) errors.add(at + "/ops: expected true or false");
            Set<String> roles = roles(k.path("roles"), ops.asBoolean(false), at, errors);
            Set<String> subjects = clientCertificates(k.path("clientCertificates"), at, errors);
            if (!subjects.isEmpty()) certificates.put(name, subjects);
            if (errors.isEmpty()) {
                entries.add(new ApiKeys.Entry(HexFormat.of().parseHex(hash), new Credential(name, sources, ops.asBoolean(false), roles)));
            }
        }
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return new ApiKeys(entries, certificates);
    }

    /** Optional; each an X.500 subject such as "CN=..., O=..., 2.5.4.97=NTRNO-123456789", kept normalised. */
    private static Set<String> clientCertificates(JsonNode node, String at, List<String> errors) {
        Set<String> subjects = new TreeSet<>();
        if (node.isMissingNode()) return subjects;
        if (!node.isArray()) {
            errors.add(at + "/clientCertificates: expected an array of certificate subjects such as "
                    + "\"CN=Mottak Bergen, O=Bergen kommune, 2.5.4.97=NTRNO-123456789\"");
            return subjects;
        }
        for (int j = 0; j < node.size(); j++) {
            try {
                subjects.add(CertificateSubject.normalized(node.get(j).asText("")));
            } catch (IllegalArgumentException e) {
                errors.add(at + "/clientCertificates/" + j + ": not a certificate subject; expected an X.500 name such as "
                        + "\"CN=Mottak Bergen, O=Bergen kommune, 2.5.4.97=NTRNO-123456789\"");
            }
        }
        if (node.isEmpty()) errors.add(at + "/clientCertificates: empty; expected at least one subject, or the field left out");
        return subjects;
    }

    /** Optional; each a known role, and only on an ops entry, since roles widen the ops API; "metrics" on any entry. */
    private static Set<String> roles(JsonNode node, boolean ops, String at, List<String> errors) {
        Set<String> roles = new TreeSet<>();
        if (node.isMissingNode()) return roles;
        if (!node.isArray()) {
            errors.add(at + "/roles: expected an array of roles such as [\"" + Credential.OPS_PII + "\"] (may be empty)");
            return roles;
        }
        for (int j = 0; j < node.size(); j++) {
            String role = node.get(j).asText("");
            if (!Credential.ROLES.contains(role)) {
                errors.add(at + "/roles/" + j + ": unknown role; expected one of " + new TreeSet<>(Credential.ROLES));
            } else {
                roles.add(role);
            }
        }
        // "metrics" grants the management port only, so a scraper's key needs no ops rights.
        if (!ops && roles.stream().anyMatch(r -> !r.equals(Credential.METRICS))) {
            errors.add(at + "/roles: roles widen the ops API and need \"ops\": true (only \"" + Credential.METRICS + "\" does not)");
        }
        return roles;
    }
}

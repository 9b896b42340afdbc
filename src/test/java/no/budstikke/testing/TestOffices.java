package no.budstikke.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of the shipped config folder whose offices point at servers the test started: every
 * HTTP office at {@code <httpBase>/<office id>}, every SFTP office at
 * {@code <sftpBase>/<office id>}, every mail office at {@code <office id>@offices.example}.
 */
public final class TestOffices {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TestOffices() {
    }

    public static Path configFolder(Path dir, String httpBase, String sftpBase) throws IOException {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        for (String f : new String[] {"routing-rules.yaml", "disclosure-policies.yaml", "deadlines.yaml", "retention.yaml"}) {
            Files.copy(Path.of("config", f), config.resolve(f));
        }
        Files.createDirectories(config.resolve("templates"));
        try (var templates = Files.list(Path.of("config", "templates"))) {
            for (Path t : templates.toList()) Files.copy(t, config.resolve("templates").resolve(t.getFileName()));
        }
        JsonNode directory = YAML.readTree(Path.of("config", "directory.yaml").toFile());
        for (JsonNode office : directory.path("offices")) {
            String id = office.path("id").asText();
            String address = switch (office.path("channel").asText()) {
                case "http" -> httpBase + "/" + id;
                case "sftp" -> sftpBase + "/" + id;
                case "mail" -> id + "@offices.example";
                default -> office.path("address").asText();
            };
            ((ObjectNode) office).put("address", address);
        }
        YAML.writeValue(config.resolve("directory.yaml").toFile(), directory);
        return config;
    }

    /**
     * Hub settings that send mail to a local test SMTP server on {@code port}: no STARTTLS (a test
     * server speaks none; only a local server may switch it off) and a short timeout.
     */
    public static Map<String, String> mailServer(int port) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("budstikke.mail.host", "127.0.0.1");
        s.put("budstikke.mail.port", Integer.toString(port));
        s.put("budstikke.mail.starttls-required", "false");
        s.put("budstikke.mail.timeout-ms", "5000");
        return s;
    }
}

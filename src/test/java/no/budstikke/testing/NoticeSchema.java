package no.budstikke.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.budstikke.model.NoticeDocument;

/**
 * The standardised notice's schema (src/main/resources/schemas/notice/notice-v1.schema.json),
 * loaded from the classpath only, with format assertions on: what a recipient may rely on.
 */
public final class NoticeSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://budstikke.example/schemas/notice/";
    private static final JsonSchema SCHEMA = load();

    private NoticeSchema() {
    }

    private static JsonSchema load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(BASE, "classpath:schemas/notice/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(NoticeDocument.SCHEMA), config);
        schema.initializeValidators();
        return schema;
    }

    /** The schema's complaints about the document, as "pointer: message"; empty when it is valid. */
    public static List<String> violations(JsonNode document) {
        return SCHEMA.validate(document).stream().map(ValidationMessage::toString).sorted().toList();
    }

    /** As {@link #violations(JsonNode)}, for the bytes a recipient received. */
    public static List<String> violations(byte[] document) {
        return violations(parse(document));
    }

    public static JsonNode parse(byte[] document) {
        try {
            return JSON.readTree(new String(document, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }
}

package no.budstikke.dispatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.budstikke.model.Source;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML configuration file: its content as a Jackson tree, and the line on which each JSON
 * pointer starts (from snakeyaml-engine's node marks), so that every problem can name its line.
 */
public final class YamlFile {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a repeated key must not silently win
            .build());

    private final String name;
    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final Map<String, String> scalars;

    private YamlFile(String name, JsonNode root, Map<String, Integer> lines, Map<String, String> scalars) {
        this.name = name;
        this.root = root;
        this.lines = lines;
        this.scalars = scalars;
    }

    /** Reads the file; on failure records the problem and returns empty. */
    public static Optional<YamlFile> read(Path path, String expectedContent, Problems problems) {
        String name = path.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            problems.add(new Source(name, "", 0), "the file does not exist", expectedContent);
            return Optional.empty();
        } catch (CharacterCodingException e) {
            problems.add(new Source(name, "", 0), "the file is not UTF-8 text", "a UTF-8 YAML file with " + expectedContent);
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new Source(name, "", 0), "the file cannot be read (" + e.getClass().getSimpleName() + ")", expectedContent);
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String problem = problem(e);
            if (problem.startsWith("Duplicate field")) {
                problems.add(syntaxSource(name, e), "the key " + problem.substring("Duplicate field ".length()) + " appears twice in the same map",
                        "each key once; the second would silently replace the first");
            } else {
                problems.add(syntaxSource(name, e), "not valid YAML (" + problem + ")",
                        "valid YAML: indent with spaces, 'key: value' pairs, '- ' for list items; quote values that contain ': ' or start with a special character");
            }
            return Optional.empty();
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(new Source(name, "", 1), "the file is empty", expectedContent);
            return Optional.empty();
        }
        Map<String, Integer> lines = new HashMap<>();
        Map<String, String> scalars = new HashMap<>();
        List<String> aliases = new ArrayList<>();
        int documents = 0;
        int secondDocument = 0;
        try {
            for (Node n : new Compose(LoadSettings.builder().setLabel(name).build()).composeAllFromString(text)) {
                if (documents++ == 0) index(n, "", lines, scalars, new IdentityHashMap<>(), aliases);
                else if (documents == 2) secondDocument = line(n);
            }
        } catch (YamlEngineException e) {
            // Jackson accepted the document, so this is a YAML 1.1 / 1.2 difference; lines are best effort.
            lines.put("", 1);
        }
        YamlFile file = new YamlFile(name, root, lines, scalars);
        if (documents > 1) {
            // Jackson reads only the first document; whatever follows a second '---' would be ignored.
            problems.add(new Source(name, "", secondDocument), "the file holds " + documents + " YAML documents (separated by ---)",
                    "one document per file");
            return Optional.empty();
        }
        if (!aliases.isEmpty()) {
            // Jackson reads an alias of a text as the alias's name ("*basis" becomes "basis"): refuse them all.
            aliases.forEach(p -> problems.add(file, p, "a YAML alias (*name) is used here",
                    "the value written out in full; anchors and aliases (&name, *name) are not supported"));
            return Optional.empty();
        }
        return Optional.of(file);
    }

    public String name() {
        return name;
    }

    public JsonNode root() {
        return root;
    }

    /** The line where the value at the pointer (or its nearest ancestor that exists) starts; 1-based. */
    public int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) return line;
            if (p.isEmpty()) return 1;
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** The scalar as written in the file (before YAML typed it), e.g. {@code 03} for what Jackson reads as 3. */
    Optional<String> rawScalar(String pointer) {
        return Optional.ofNullable(scalars.get(pointer));
    }

    public Source source(String pointer) {
        return new Source(name, pointer, line(pointer));
    }

    private static void index(Node node, String pointer, Map<String, Integer> lines, Map<String, String> scalars,
                              IdentityHashMap<Node, Boolean> seen, List<String> aliases) {
        lines.putIfAbsent(pointer, line(node));
        if (seen.put(node, Boolean.TRUE) != null) { // composed aliases are the anchored node itself
            aliases.add(pointer);
            return;
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key)) continue;
                String child = pointer + "/" + ContractFields.escape(key.getValue());
                lines.put(child, line(t.getKeyNode()));
                index(t.getValueNode(), child, lines, scalars, seen, aliases);
            }
        } else if (node instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                index(s.getValue().get(i), pointer + "/" + i, lines, scalars, seen, aliases);
            }
        } else if (node instanceof ScalarNode s) {
            scalars.put(pointer, s.getValue());
        }
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    private static Source syntaxSource(String name, JsonProcessingException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String pointer = "";
        Object processor = e.getProcessor();
        if (processor instanceof JsonParser parser) {
            JsonStreamContext ctx = parser.getParsingContext();
            if (ctx != null) pointer = ctx.pathAsPointer().toString();
        }
        Throwable cause = e.getCause();
        if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
            line = marked.getProblemMark().getLine() + 1;
        }
        return new Source(name, pointer, line);
    }

    private static String problem(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
            String context = marked.getContext();
            return (context == null ? "" : context + ": ") + marked.getProblem();
        }
        String m = e.getOriginalMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}

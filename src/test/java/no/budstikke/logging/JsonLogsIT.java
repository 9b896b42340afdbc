package no.budstikke.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.budstikke.testing.TestDatabases;
import no.budstikke.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The log format switch with the hub's own logback.xml: with {@code budstikke.log.format=json}
 * every line the hub writes while it starts, takes an event and stops is one JSON object; without
 * it, lines are text.
 */
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final PrintStream stdout = System.out;

    @AfterEach
    void restore() throws JoranException {
        System.setOut(stdout);
        System.clearProperty("budstikke.log.format");
        configureLogback();
    }

    @Test
    void withTheSwitchEveryLineTheHubWritesIsOneJsonObject() throws IOException, JoranException {
        System.setProperty("budstikke.log.format", "json");
        String out = capture(this::runHub);

        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("the hub logged while it ran").hasSizeGreaterThan(5);
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.isObject()).as(line).isTrue();
            records.add(record);
        }
        assertThat(records).allSatisfy(r -> {
            assertThat(r.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(r.has("timestamp")).isTrue();
            assertThat(r.has("loggerName")).isTrue();
            assertThat(r.has("formattedMessage")).as(r.toString()).isTrue();
            assertThat(r.has("arguments")).as("arguments are in the message already").isFalse();
        });
        assertThat(records).anySatisfy(r -> assertThat(r.path("loggerName").asText()).startsWith("org.apache.camel"));
        System.setOut(stdout);
        System.out.println("JSON log lines checked: " + records.size());
    }

    @Test
    void withoutTheSwitchLinesAreText() throws IOException, JoranException {
        String out = capture(this::runHub);

        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(5);
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotStartWith("{"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(" INFO ", "org.apache.camel"));
    }

    @Test
    void theEnvironmentVariableSwitchesAFreshProcessAsItStarts() throws Exception {
        List<String> json = logOnce("json");
        assertThat(json).hasSize(2);
        JsonNode first = JSON.readTree(json.get(0));
        assertThat(first.path("formattedMessage").asText()).isEqualTo("notice 7 of 9 sent\nsecond line");
        JsonNode second = JSON.readTree(json.get(1));
        assertThat(second.path("level").asText()).isEqualTo("WARN");
        assertThat(second.path("throwable").path("className").asText()).isEqualTo("java.lang.IllegalStateException");

        List<String> text = logOnce(null);
        assertThat(text.get(0)).contains(" INFO ", "notice 7 of 9 sent").doesNotStartWith("{");
    }

    /** What a fresh JVM on the test class path writes to stdout, logging {@link LogOnce}'s lines, with BUDSTIKKE_LOG_FORMAT. */
    private static List<String> logOnce(String format) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LogOnce.class.getName());
        pb.environment().remove("BUDSTIKKE_LOG_FORMAT");
        if (format != null) pb.environment().put("BUDSTIKKE_LOG_FORMAT", format);
        pb.redirectErrorStream(false);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Two lines through SLF4J: one spanning two lines, one with an exception. */
    public static final class LogOnce {
        public static void main(String[] args) {
            org.slf4j.Logger log = LoggerFactory.getLogger(LogOnce.class);
            log.info("notice {} of {} sent\nsecond line", 7, 9);
            log.warn("a send failed", new IllegalStateException("office answered 500"));
        }
    }

    private void runHub() {
        try (TestHub hub = TestHub.start(TestHub.defaults(dir, TestDatabases.freshUrl(TestDatabases.Kind.H2, dir)))) {
            HttpResponse<String> r = hub.post("/api/v1/events", "application/cloudevents+json",
                    Files.readAllBytes(Path.of("examples/events/missing.json")), TestHub.CENTRE_0301_KEY);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Standard output while {@code action} runs, with logback configured anew from the hub's logback.xml. */
    private String capture(Runnable action) throws JoranException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            configureLogback();
            action.run();
        } finally {
            System.setOut(stdout);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static void configureLogback() throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(JsonLogsIT.class.getResource("/logback.xml"));
    }
}

package no.budstikke.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A setting's default is written once, in its area's settings record; config/application.properties
 * shows it to ops, as the value of the setting's line or of its commented line, and the routes'
 * {@code {{key:default}}} placeholders repeat it. Here all three must agree.
 */
class SettingDefaultsTest {

    private static final Path PROPERTIES = Path.of("config/application.properties");
    /** A setting's line, or its commented line. */
    private static final Pattern LINE = Pattern.compile("(?m)^#?(budstikke\\.[a-z0-9.\\-]+)\\s*[=:].*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??(budstikke\\.[a-z0-9.\\-]*[a-z0-9])(?::([^}]*))?}}");

    @Test
    void theFileShowsEachRecordDefault() throws Exception {
        Map<String, String> file = documented();
        List<Setting<?>> settings = declaredSettings();
        assertThat(settings).as("settings found in the records")
                .extracting(Setting::key)
                .contains("budstikke.delivery.concurrency", "budstikke.db.pool-size", "budstikke.schedule.zone",
                        "budstikke.delivery.retry.http.initial-ms", "budstikke.http.idle-timeout-ms",
                        "budstikke.sftp.strict-host-key-checking", "budstikke.delivery.http.read-timeout-ms");
        List<String> disagreeing = new ArrayList<>();
        for (Setting<?> setting : settings) {
            if (setting.defaultValue().isEmpty()) continue;
            String text = file.get(setting.key());
            if (text == null) {
                disagreeing.add(setting.key() + ": no line in " + PROPERTIES);
                continue;
            }
            Object shown = setting.parse(resolve(text, file));
            if (!shown.equals(setting.defaultValue().get())) {
                disagreeing.add(setting.key() + ": the file shows " + shown + ", the record's default is " + setting.defaultValue().get());
            }
        }
        assertThat(disagreeing).as("defaults in " + PROPERTIES + " that are not the records' defaults").isEmpty();
    }

    @Test
    void eachRecordSettingIsDeclaredWithItsKind() throws Exception {
        KnownSettings known = KnownSettings.declared();
        List<String> wrong = new ArrayList<>();
        for (Setting<?> setting : declaredSettings()) {
            if (!known.kind(setting.key()).equals(java.util.Optional.of(setting.kind()))) {
                wrong.add(setting.key() + " is read as " + setting.kind() + ", declared as " + known.kind(setting.key()));
            }
        }
        assertThat(wrong).as("settings whose KnownSettings kind differs from the record's").isEmpty();
    }

    @Test
    void aRoutePlaceholderDefaultIsTheFilesValue() throws IOException {
        Map<String, String> file = documented();
        List<String> disagreeing = new ArrayList<>();
        int defaults = 0;
        try (Stream<Path> routes = Files.walk(Path.of("routes"))) {
            for (Path route : routes.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(route));
                while (m.find()) {
                    if (m.group(2) == null) continue;
                    defaults++;
                    String shown = file.get(m.group(1));
                    if (!m.group(2).equals(shown == null ? null : resolve(shown, file))) {
                        disagreeing.add(route.getFileName() + ": " + m.group(0) + ", the file shows " + shown);
                    }
                }
            }
        }
        assertThat(defaults).as("placeholders with a default found in the routes").isPositive();
        assertThat(disagreeing).isEmpty();
    }

    @Test
    void aChangedDefaultInTheFileIsCaught() throws Exception {
        Setting<Integer> concurrency = Setting.wholeNumber("budstikke.delivery.concurrency", 5);
        assertThat(concurrency.parse(documented().get(concurrency.key()))).isNotEqualTo(concurrency.defaultValue().get());
    }

    /** Each budstikke.* setting's value in the file: its line's, else its commented line's; escapes decoded as camel-main reads them. */
    static Map<String, String> documented() throws IOException {
        String text = Files.readString(PROPERTIES);
        Map<String, String> active = new LinkedHashMap<>();
        Map<String, String> commented = new LinkedHashMap<>();
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            String line = m.group();
            boolean comment = line.startsWith("#");
            Properties one = new Properties();
            one.load(new StringReader(comment ? line.substring(1) : line));
            (comment ? commented : active).put(m.group(1), one.getProperty(m.group(1)));
        }
        commented.putAll(active);
        return commented;
    }

    /** {{key}} replaced by the file's value of key, as camel-main resolves it. */
    private static String resolve(String value, Map<String, String> file) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = file.getOrDefault(m.group(1), m.group(2) == null ? "" : m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(replacement, file)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every Setting constant of a class in src/main/java, and every Setting in a record held by such a constant. */
    static List<Setting<?>> declaredSettings() throws Exception {
        List<Setting<?>> found = new ArrayList<>();
        Path root = Path.of("src/main/java");
        try (Stream<Path> java = Files.walk(root)) {
            for (Path p : java.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (!Files.readString(p).contains("Setting")) continue;
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.java$", "");
                collect(Class.forName(name), found);
            }
        }
        return found;
    }

    private static void collect(Class<?> type, List<Setting<?>> found) throws Exception {
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) continue;
            f.setAccessible(true);
            Object value = f.get(null);
            if (value instanceof Setting<?> s) {
                found.add(s);
            } else if (value != null && value.getClass().isRecord()) {
                for (RecordComponent c : value.getClass().getRecordComponents()) {
                    if (c.getType() == Setting.class) found.add((Setting<?>) c.getAccessor().invoke(value));
                }
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) collect(nested, found);
    }
}

package no.budstikke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every route lies in a folder that camel.main.routesIncludePattern loads, and every folder of routes
 * is loaded and described in routes/README.md: a route or folder left out of the pattern would
 * never start, and nothing else would say so.
 */
class RoutesLayoutTest {

    private static final Path ROUTES = Path.of("routes");
    private static final String KEY = "camel.main.routesIncludePattern";
    /** One folder's routes, not those of its subfolders. */
    private static final Pattern FOLDER_ENTRY = Pattern.compile("classpath:routes/([a-z0-9-]+)/\\*\\.camel\\.yaml");

    @Test
    void everyRouteLiesInAFolderTheIncludePatternLoads() throws IOException {
        List<String> entries = shippedEntries();
        assertThat(folders(entries)).as("the folders of " + KEY)
                .containsSubsequence("1-intake", "2-dispatch", "3-outbox", "4-channels")
                .contains("api", "console", "background", "shared");
        assertThat(problems(entries, relative(files()), relative(directories()), Files.readString(ROUTES.resolve("README.md"))))
                .isEmpty();
    }

    @Test
    void aRouteOrFolderLeftOutIsNamed() {
        List<String> entries = List.of("classpath:routes/1-intake/*.camel.yaml", "classpath:routes/*.camel.yaml",
                "classpath:routes/gone/*.camel.yaml");
        List<String> files = List.of("1-intake/intake-http.camel.yaml", "dispatch.camel.yaml", "extra/tasks.camel.yaml",
                "1-intake/old/intake-file.camel.yaml");
        List<String> directories = List.of("1-intake", "extra", "1-intake/old");
        assertThat(problems(entries, files, directories, "`1-intake/` holds intake")).containsExactly(
                "classpath:routes/*.camel.yaml in " + KEY + " is not one folder's routes (classpath:routes/<folder>/*.camel.yaml)",
                "routes/gone/ in " + KEY + " holds no route",
                "routes/gone/ is not described in routes/README.md",
                "routes/dispatch.camel.yaml lies outside the folders " + KEY + " loads",
                "routes/extra/tasks.camel.yaml lies outside the folders " + KEY + " loads",
                "routes/1-intake/old/intake-file.camel.yaml lies outside the folders " + KEY + " loads",
                "routes/extra/ is not in " + KEY,
                "routes/1-intake/old/ is not in " + KEY);
    }

    /** What is wrong with the layout; paths are relative to routes/, with / between names. */
    static List<String> problems(List<String> entries, List<String> files, List<String> directories, String readme) {
        List<String> problems = new ArrayList<>();
        List<String> folders = folders(entries);
        for (String entry : entries) {
            if (!FOLDER_ENTRY.matcher(entry).matches()) {
                problems.add(entry + " in " + KEY + " is not one folder's routes (classpath:routes/<folder>/*.camel.yaml)");
            }
        }
        for (String folder : folders) {
            if (files.stream().noneMatch(f -> parent(f).equals(folder))) problems.add("routes/" + folder + "/ in " + KEY + " holds no route");
            if (!readme.contains("`" + folder + "/`")) problems.add("routes/" + folder + "/ is not described in routes/README.md");
        }
        for (String file : files) {
            if (!folders.contains(parent(file))) problems.add("routes/" + file + " lies outside the folders " + KEY + " loads");
        }
        for (String directory : directories) {
            if (!folders.contains(directory)) problems.add("routes/" + directory + "/ is not in " + KEY);
        }
        return problems;
    }

    private static List<String> folders(List<String> entries) {
        List<String> folders = new ArrayList<>();
        for (String entry : entries) {
            Matcher m = FOLDER_ENTRY.matcher(entry);
            if (m.matches()) folders.add(m.group(1));
        }
        return folders;
    }

    private static String parent(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    /** The pattern as camel-main reads it from the shipped config/application.properties. */
    private static List<String> shippedEntries() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            properties.load(in);
        }
        String pattern = properties.getProperty(KEY);
        assertThat(pattern).as(KEY).isNotBlank();
        return Arrays.stream(pattern.split(",")).map(String::trim).toList();
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> all = Files.walk(ROUTES)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    private static List<Path> directories() throws IOException {
        try (Stream<Path> all = Files.walk(ROUTES)) {
            return all.filter(Files::isDirectory).filter(p -> !p.equals(ROUTES)).sorted().toList();
        }
    }

    private static List<String> relative(List<Path> paths) {
        return paths.stream().map(p -> ROUTES.relativize(p).toString().replace('\\', '/')).toList();
    }
}

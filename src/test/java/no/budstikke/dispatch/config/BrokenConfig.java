package no.budstikke.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.budstikke.config.ConfigException;

/** A copy of the shipped config in a temporary folder, edited to break it in one way. */
final class BrokenConfig {

    static final Path SHIPPED = Path.of("config");
    static final List<String> FILES = List.of(HubConfigLoader.DIRECTORY, HubConfigLoader.RULES, HubConfigLoader.POLICIES);

    private final Path dir;

    private BrokenConfig(Path dir) {
        this.dir = dir;
    }

    static BrokenConfig copyOfShipped(Path dir) {
        try {
            for (String f : FILES) Files.copy(SHIPPED.resolve(f), dir.resolve(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BrokenConfig(dir);
    }

    /** Replaces the one occurrence of {@code from} in the file; fails if it is not there exactly once. */
    BrokenConfig replace(String file, String from, String to) {
        String text = read(file);
        int at = text.indexOf(from);
        assertThat(at).as("'%s' in %s", from, file).isGreaterThanOrEqualTo(0);
        assertThat(text.indexOf(from, at + 1)).as("'%s' occurs once in %s", from, file).isEqualTo(-1);
        write(file, text.substring(0, at) + to + text.substring(at + from.length()));
        return this;
    }

    /** The 1-based lines containing {@code text}, in order. */
    List<Integer> linesOf(String file, String text) {
        List<String> lines = read(file).lines().toList();
        List<Integer> found = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) found.add(i + 1);
        }
        return found;
    }

    /** The 1-based line of the one line outside comments where {@code key:} is written. */
    int keyLine(String file, String key) {
        List<String> lines = read(file).lines().toList();
        List<Integer> found = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.startsWith("#") && l.matches("(.*[\\s{,-])?" + java.util.regex.Pattern.quote(key) + ":.*")) found.add(i + 1);
        }
        assertThat(found).as("'%s:' in %s", key, file).hasSize(1);
        return found.get(0);
    }

    /** The 1-based line of the one line containing {@code text}. */
    int lineOf(String file, String text) {
        List<String> lines = read(file).lines().toList();
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                assertThat(found).as("'%s' is on one line of %s", text, file).isEqualTo(-1);
                found = i + 1;
            }
        }
        assertThat(found).as("'%s' in %s", text, file).isPositive();
        return found;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    Path dir() {
        return dir;
    }

    /** Loads the folder, expecting it to fail; returns the problem lines. */
    List<String> problems() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> HubConfigLoader.load(dir));
        assertThat(e).as("the broken config is refused").isNotNull();
        return e.getMessage().lines().skip(1).toList();
    }

    /** The prefix a problem at this file, line and pointer starts with. */
    String at(String file, int line, String pointer) {
        return dir.resolve(file) + ":" + line + " at " + pointer + ": ";
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package no.budstikke.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import no.budstikke.config.ConfigException;

/**
 * The version of a config folder: the SHA-256 of the files that reload (directory, routing rules,
 * disclosure policies and every file under templates/), taken in the order of their paths relative
 * to the folder, each as its path, its length and its bytes. The same files give the same hash on
 * every instance, whatever the folder is called or when the files were written.
 */
public final class ConfigHash {

    /** The files that reload, besides everything under {@link #TEMPLATES}. */
    public static final List<String> FILES = List.of("directory.yaml", "routing-rules.yaml", "disclosure-policies.yaml");
    public static final String TEMPLATES = "templates";
    /** Read at start only: a reload refuses a folder where it changed. */
    public static final String DEADLINES = "deadlines.yaml";

    private ConfigHash() {
    }

    /** The version of the reloading files in {@code dir}; a missing file counts as absent (the loader names it). */
    public static String of(Path dir) {
        List<String> names = new ArrayList<>(FILES);
        Path templates = dir.resolve(TEMPLATES);
        if (Files.isDirectory(templates)) {
            try (Stream<Path> files = Files.walk(templates)) {
                files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/')).forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException("the templates folder cannot be listed", e);
            }
        }
        return hash(dir, names);
    }

    /** The version of the folder a start is about to load, or null when it cannot be read (the load then says why). */
    public static String beforeLoad(Supplier<Path> dir) {
        try {
            return of(dir.get());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The version of the files a start just loaded, taken before and after, so that it names exactly
     * what was loaded.
     *
     * @throws ConfigException if the folder changed while it was read
     */
    public static String afterLoad(Path dir, String before) {
        String after = of(dir);
        if (before != null && !before.equals(after)) {
            throw new ConfigException(dir + ": the config folder changed while the hub read it; expected a folder that holds"
                    + " still while the hub starts: start again");
        }
        return after;
    }

    /** The hash of one file alone, for the parts that only a restart reads. */
    public static String ofFile(Path dir, String name) {
        return hash(dir, List.of(name));
    }

    private static String hash(Path dir, List<String> names) {
        MessageDigest sha = sha256();
        names.stream().sorted().forEach(name -> {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) return;
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(name + " cannot be read", e);
            }
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(content.length).array());
            sha.update(content);
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package no.budstikke.intake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import no.budstikke.auth.SourcePatterns;
import no.budstikke.config.ConfigException;
import no.budstikke.config.HubSettings;

/**
 * Which sources a file in each inbox folder may carry. Whoever can write to a folder speaks with
 * its binding, the way a key speaks for its api-keys.json sources: a centre's export job gets a
 * folder of its own, bound to its centre, and cannot pose as DUF or another centre.
 *
 * <p>The inbox itself is bound by {@value #ROOT}; each subfolder by {@value #FOLDERS}{@code <name>}.
 * An unbound inbox takes any upstream source (the embedded profile's one-command default; the
 * production profile refuses it). An unbound subfolder is not read.
 */
public final class InboxFolders {

    public static final String ROOT = "budstikke.intake.file.sources";
    public static final String FOLDERS = "budstikke.intake.file.folders.";
    /** A binding that lets a folder carry nothing: every file in it is rejected. */
    public static final String NONE = "none";

    private static final Set<String> RESERVED = Set.of(FileIntake.DONE, FileIntake.REJECTED);

    private final Optional<List<String>> root;
    private final Map<String, List<String>> folders;

    InboxFolders(Optional<List<String>> root, Map<String, List<String>> folders) {
        this.root = root.map(List::copyOf);
        this.folders = Collections.unmodifiableMap(new LinkedHashMap<>(folders));
    }

    /** Reads and checks the bindings; every mistake is reported at once, with its setting. */
    public static InboxFolders from(HubSettings settings) {
        List<String> errors = new ArrayList<>();
        Optional<List<String>> root = settings.optional(ROOT).map(v -> patterns(ROOT, v, errors));
        Map<String, List<String>> folders = new LinkedHashMap<>();
        for (String name : settings.namesAfter(FOLDERS)) {
            String key = FOLDERS + name;
            if (!name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}") || RESERVED.contains(name)) {
                errors.add("setting '" + key + "': a folder name is 1-64 letters, digits, '.', '_' or '-', not starting with '.',"
                        + " and not " + RESERVED + " (the inbox's own folders)");
                continue;
            }
            Optional<String> value = settings.optional(key);
            if (value.isEmpty()) {
                errors.add("setting '" + key + "' is blank; expected the sources its files may carry, or '" + NONE + "'");
                continue;
            }
            folders.put(name, patterns(key, value.get(), errors));
        }
        if (!errors.isEmpty()) throw new ConfigException(String.join("\n", errors));
        return new InboxFolders(root, folders);
    }

    private static List<String> patterns(String key, String value, List<String> errors) {
        if (value.trim().equalsIgnoreCase(NONE)) return List.of();
        List<String> list = new ArrayList<>();
        for (String part : value.split(",")) {
            String pattern = part.trim();
            Optional<String> problem = SourcePatterns.problem(pattern);
            if (problem.isPresent()) {
                errors.add("setting '" + key + "': '" + pattern + "' is no source pattern; " + problem.get()
                        + ", several separated by commas, or '" + NONE + "'");
            }
            list.add(pattern);
        }
        return list;
    }

    /** Whether the inbox itself has a binding of its own. */
    public boolean rootBound() {
        return root.isPresent();
    }

    /** The bound subfolders, in name order. */
    public Set<String> folders() {
        return folders.keySet();
    }

    public boolean isFolder(String name) {
        return folders.containsKey(name);
    }

    /** The sources a file in {@code folder} ("" for the inbox itself) may carry. */
    public Predicate<String> mayCarry(String folder) {
        if (folder.isEmpty()) return root.<Predicate<String>>map(p -> s -> SourcePatterns.matches(p, s)).orElse(Inbound.anySenderSource());
        List<String> patterns = folders.get(folder);
        return patterns == null ? s -> false : s -> SourcePatterns.matches(patterns, s);
    }
}

package no.budstikke.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import no.budstikke.config.ConfigException;
import no.budstikke.model.Source;

/**
 * Every problem found in the dispatch configuration, each written as
 * {@code <file>:<line> at <json pointer>: <what is wrong>; expected <what>}, so ops can go straight
 * to the line. Collected, not thrown one by one: a start-up that fails should say everything at once.
 * Public so that other configuration files (deadlines.yaml) report in the same style.
 */
public final class Problems {

    public Problems() {
    }

    private final List<String> lines = new ArrayList<>();

    public void add(Source where, String wrong, String expected) {
        lines.add(where + ": " + wrong + "; expected " + expected);
    }

    /** A problem whose message already says what is wrong and what is expected, such as a bad setting's. */
    public void add(Source where, ConfigException problem) {
        lines.add(where + ": " + problem.getMessage());
    }

    public void add(YamlFile file, String pointer, String wrong, String expected) {
        add(file.source(pointer), wrong, expected);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    int size() {
        return lines.size();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    void throwIfAny() {
        throwIfAny("dispatch configuration");
    }

    /** Throws one {@link ConfigException} listing every problem, headed "invalid {@code what}, N problems:". */
    public void throwIfAny(String what) {
        if (lines.isEmpty()) return;
        String head = lines.size() == 1 ? "1 problem" : lines.size() + " problems";
        throw new ConfigException("invalid " + what + ", " + head + ":\n" + String.join("\n", lines));
    }
}

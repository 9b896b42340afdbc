package no.budstikke.dispatch.config;

import java.util.ArrayList;
import java.util.List;
import no.budstikke.config.ConfigException;
import no.budstikke.dispatch.model.Source;

/**
 * Every problem found in the dispatch configuration, each written as
 * {@code <file>:<line> at <json pointer>: <what is wrong>; expected <what>}, so ops can go straight
 * to the line. Collected, not thrown one by one: a start-up that fails should say everything at once.
 */
final class Problems {

    private final List<String> lines = new ArrayList<>();

    void add(Source where, String wrong, String expected) {
        lines.add(where + ": " + wrong + "; expected " + expected);
    }

    void add(YamlFile file, String pointer, String wrong, String expected) {
        add(file.source(pointer), wrong, expected);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    int size() {
        return lines.size();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    void throwIfAny() {
        if (lines.isEmpty()) return;
        String head = lines.size() == 1 ? "1 problem" : lines.size() + " problems";
        throw new ConfigException("invalid dispatch configuration, " + head + ":\n" + String.join("\n", lines));
    }
}

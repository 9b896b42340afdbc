package no.budstikke.auth;

import java.util.List;

/**
 * An authenticated caller. {@code sources} are the CloudEvents sources it may send; a pattern
 * ending in {@code *} covers every source with that prefix. {@code ops} callers may use the ops API.
 */
public record Credential(String name, List<String> sources, boolean ops) {

    public boolean mayPublish(String source) {
        return SourcePatterns.matches(sources, source);
    }

    @Override
    public String toString() {
        return "Credential[" + name + "]";
    }
}

package no.budstikke.auth;

import java.util.List;

/**
 * An authenticated caller. {@code sources} are the CloudEvents sources it may send; a pattern
 * ending in {@code *} covers every source with that prefix. {@code ops} callers may use the ops API.
 */
public record Credential(String name, List<String> sources, boolean ops) {

    public boolean mayPublish(String source) {
        for (String pattern : sources) {
            if (pattern.endsWith("*") ? source.startsWith(pattern.substring(0, pattern.length() - 1)) : source.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Credential[" + name + "]";
    }
}

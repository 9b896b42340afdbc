package no.budstikke.dispatch.config;

import java.util.List;

/** JSON pointer helpers for config paths, where a {@code *} token stands for every element of a list. */
final class Pointers {

    private Pointers() {
    }

    /** Whether the text is an RFC 6901 pointer: empty, or '/'-separated tokens in which '~' is only followed by 0 or 1. */
    static boolean valid(String pointer) {
        if (pointer.isEmpty()) return true;
        if (!pointer.startsWith("/")) return false;
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~' && (i + 1 == pointer.length() || "01".indexOf(pointer.charAt(i + 1)) < 0)) return false;
        }
        return true;
    }

    static List<String> tokens(String pointer) {
        return pointer.isEmpty() ? List.of() : List.of(pointer.substring(1).split("/", -1));
    }

    /** Whether {@code outer} is {@code inner} or one of its ancestors; a path covers everything under it. */
    static boolean covers(String outer, String inner) {
        List<String> o = tokens(outer);
        List<String> i = tokens(inner);
        if (o.size() > i.size()) return false;
        for (int k = 0; k < o.size(); k++) {
            // '*' may match any token: conservative where this decides what a path could reach.
            if (!o.get(k).equals(i.get(k)) && !o.get(k).equals("*") && !i.get(k).equals("*")) return false;
        }
        return true;
    }

    /** Whether one path covers the other, either way: then they share data. */
    static boolean overlap(String a, String b) {
        return covers(a, b) || covers(b, a);
    }
}

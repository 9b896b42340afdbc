package no.budstikke.dispatch.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the closest known name to a misspelt one, by edit distance. */
public final class Suggest {

    private Suggest() {
    }

    static Optional<String> closest(String wrong, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(wrong, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(3, wrong.length() / 4) ? Optional.of(best) : Optional.empty();
    }

    /** The closest name quoted, as " (did you mean 'x'?)", or an empty string. */
    public static String didYouMean(String wrong, Collection<String> known) {
        return closest(wrong, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

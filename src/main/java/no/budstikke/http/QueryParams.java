package no.budstikke.http;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The query parameters the ops lists share: a page size and a comma-separated list of statuses. */
final class QueryParams {

    static final int MAX_LIMIT = 1000;

    private QueryParams() {
    }

    /** {@code limit}, 1 to {@value #MAX_LIMIT}; 100 when absent; empty when it is anything else. */
    static Optional<Integer> limit(String limit) {
        try {
            int n = limit == null || limit.isBlank() ? 100 : Integer.parseInt(limit.trim());
            return n >= 1 && n <= MAX_LIMIT ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code status=A,b}: upper-cased, each once; {@code fallback} when absent. */
    static List<String> statuses(String status, List<String> fallback) {
        return status == null || status.isBlank() ? fallback
                : Arrays.stream(status.split(",")).map(s -> s.trim().toUpperCase(Locale.ROOT)).distinct().toList();
    }

    /** {@code state=open|all}: whether all are wanted (open when absent); empty when it is anything else. */
    static Optional<Boolean> all(String state) {
        if (state == null || state.isBlank() || state.trim().equals("open")) return Optional.of(false);
        return state.trim().equals("all") ? Optional.of(true) : Optional.empty();
    }
}
